import net from 'node:net';

export type RawResponse = { status: number; headers: [name: string, value: string][]; body: string };

/**
 * One TCP connection to a server, written byte for byte and read as HTTP/1.1 responses: for what fetch hides
 * (pipelining, header order and case, the connection's own headers, when the server closes).
 */
export class RawConnection {
  private readonly socket: net.Socket;
  private received = Buffer.alloc(0);
  private wake: (() => void) | null = null;
  closed = false;

  private constructor(socket: net.Socket) {
    this.socket = socket;
    socket.on('data', (chunk: Buffer) => {
      this.received = Buffer.concat([this.received, chunk]);
      this.wake?.();
    });
    socket.on('close', () => {
      this.closed = true;
      this.wake?.();
    });
    socket.on('error', () => {});
  }

  static open(url: string): Promise<RawConnection> {
    const { hostname, port } = new URL(url);
    return new Promise((resolve, reject) => {
      const socket = net.connect({ host: hostname, port: Number(port), noDelay: true }, () => resolve(new RawConnection(socket)));
      socket.once('error', reject);
    });
  }

  /** Writes the text's bytes (latin1: one byte a character, as a test spells them) or a Buffer as it is. */
  send(bytes: string | Buffer): Promise<void> {
    return new Promise((resolve, reject) => this.socket.write(typeof bytes === 'string' ? Buffer.from(bytes, 'latin1') : bytes, (error) => (error ? reject(error) : resolve())));
  }

  /** The next `count` responses, in order; fails if the server closes first. */
  async read(count = 1): Promise<RawResponse[]> {
    const responses: RawResponse[] = [];
    while (responses.length < count) {
      const response = this.take();
      if (response) responses.push(response);
      else if (this.closed) throw new Error(`the server closed the connection after ${responses.length} of ${count} responses`);
      else await new Promise<void>((resolve) => (this.wake = resolve));
    }
    return responses;
  }

  /** Resolves once the server has closed the connection. */
  async whenClosed(): Promise<void> {
    while (!this.closed) await new Promise<void>((resolve) => (this.wake = resolve));
  }

  destroy(): void {
    this.socket.destroy();
  }

  /** A whole response off the front of what was received (sized by Content-Length, else by the close). */
  private take(): RawResponse | null {
    const end = this.received.indexOf('\r\n\r\n');
    if (end === -1) return null;
    const [statusLine, ...lines] = this.received.toString('latin1', 0, end).split('\r\n');
    const headers = lines.map((line): [string, string] => [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 1).trim()]);
    const length = headers.find(([name]) => name.toLowerCase() === 'content-length');
    const bodyStart = end + 4;
    const bodyEnd = length ? bodyStart + Number(length[1]) : this.closed ? this.received.length : -1;
    if (bodyEnd === -1 || this.received.length < bodyEnd) return null;
    const body = this.received.toString('utf8', bodyStart, bodyEnd);
    this.received = this.received.subarray(bodyEnd);
    return { status: Number(statusLine.split(' ')[1]), headers, body };
  }
}

/** A response's header, by name in any case (the first, if repeated). */
export function header(response: RawResponse, name: string): string | undefined {
  return response.headers.find(([given]) => given.toLowerCase() === name)?.[1];
}
