/**
 * Where a cited documentation file is published, from its path: the one place that knows the
 * documentation sites. specs/sources/SOURCES.md lists each page with the address this gives (a
 * test holds the two together), and reports link every citation to it.
 *
 * Microsoft Graph pages are addressed by version and kind: an API page `call-answer.md` of v1.0 is
 * `https://learn.microsoft.com/en-us/graph/api/call-answer?view=graph-rest-1.0`, a resource page
 * `resources/call.md` of beta is `…/graph/api/resources/call?view=graph-rest-beta`. The version
 * comes from the profile folder (`sources/graph-v1.0/…`) or from the Graph docs repository's own
 * layout (`api-reference/beta/api/…`, as in the corpus); a plain-text rendering (`.txt`) is the
 * same page. Sites whose addresses do not follow from a file name list their pages one by one.
 */

const GRAPH_DOCS = 'https://learn.microsoft.com/en-us/graph';
/** File names that can go into an address as they are. */
const NAME = String.raw`([A-Za-z0-9_][A-Za-z0-9._-]*?)`;
const GRAPH_VERSION = String.raw`(v1\.0|beta)`;

/** `v1.0` → `1.0` (`?view=graph-rest-1.0`), `beta` → `beta`. */
const view = (version: string): string => `?view=graph-rest-${version.replace(/^v/, '')}`;

interface Site {
  /** What the rule covers, for SOURCES.md and the tests. */
  what: string;
  pattern: RegExp;
  url: (match: RegExpExecArray) => string;
}

const SITES: readonly Site[] = [
  {
    what: 'Microsoft Graph API page of a profile (`sources/graph-<version>/<page>.md|.txt`)',
    pattern: new RegExp(String.raw`(?:^|/)sources/graph-${GRAPH_VERSION}/${NAME}\.(?:md|txt)$`),
    url: ([, version, page]) => `${GRAPH_DOCS}/api/${page}${view(version!)}`,
  },
  {
    what: 'Microsoft Graph resource page of a profile (`sources/graph-<version>/resources/<page>.md|.txt`)',
    pattern: new RegExp(String.raw`(?:^|/)sources/graph-${GRAPH_VERSION}/resources/${NAME}\.(?:md|txt)$`),
    url: ([, version, page]) => `${GRAPH_DOCS}/api/resources/${page}${view(version!)}`,
  },
  {
    what: "Microsoft Graph service metadata of a profile (`sources/graph-<version>/metadata.xml`, a subset of the service's CSDL)",
    pattern: new RegExp(String.raw`(?:^|/)sources/graph-${GRAPH_VERSION}/metadata\.xml$`),
    url: ([, version]) => `https://graph.microsoft.com/${version}/$metadata`,
  },
  {
    what: 'Microsoft Graph docs repository page (`api-reference/<version>/api|resources/<page>.md`)',
    pattern: new RegExp(String.raw`(?:^|/)api-reference/${GRAPH_VERSION}/(api|resources)/${NAME}\.md$`),
    url: ([, version, kind, page]) => `${GRAPH_DOCS}/api/${kind === 'resources' ? 'resources/' : ''}${page}${view(version!)}`,
  },
  {
    what: 'Microsoft Graph docs repository concept page (`concepts/<page>.md`)',
    pattern: new RegExp(String.raw`(?:^|/)concepts/${NAME}\.md$`),
    url: ([, page]) => `${GRAPH_DOCS}/${page}`,
  },
];

/**
 * Pages of sites whose addresses do not follow from a file name (a Genesys page is addressed by
 * its title, `UpdateUserData`), by their path under the sources folder.
 */
const LISTED: Readonly<Record<string, string>> = {
  'genesys-v2/updateuserdata.pdf.txt': 'https://enu.docs.genesys.com/Documentation/HTCC/latest/API/UpdateUserData',
};

/** The published address of a cited file (`specs/sources/graph-v1.0/x.md`), or undefined when none is known. */
export function publishedUrl(file: string): string | undefined {
  const path = file.replaceAll('\\', '/');
  const listed = /(?:^|\/)sources\/(.+)$/.exec(path)?.[1];
  if (listed !== undefined && LISTED[listed]) return LISTED[listed];
  for (const site of SITES) {
    const m = site.pattern.exec(path);
    if (m) return site.url(m);
  }
  return undefined;
}
