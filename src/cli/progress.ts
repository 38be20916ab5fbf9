/** One self-overwriting progress line on a TTY; silent otherwise (CI logs stay clean). */
export interface Progress {
  (text: string): void;
  done(): void;
}

export function progress(label: string, stream: NodeJS.WriteStream = process.stderr): Progress {
  const live = Boolean(stream.isTTY) && !process.env.CI;
  let last = 0;
  const tick = ((text: string) => {
    if (!live) return;
    const now = Date.now();
    if (now - last < 80) return;
    last = now;
    stream.write(`\r\x1b[2K${label}: ${text}`);
  }) as Progress;
  tick.done = () => {
    if (live) stream.write('\r\x1b[2K');
  };
  return tick;
}
