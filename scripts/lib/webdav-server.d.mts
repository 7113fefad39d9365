export interface WebDavServer {
  /** The folder URL a person types as "Server address" (ends with `/dav/`). */
  readonly url: string;
  readonly origin: string;
  user: string;
  password: string;
  dataDir: string;
  /** Every file the server stores, as raw bytes (for the plaintext scan). */
  files(): { path: string; bytes: Buffer }[];
  stop(): Promise<void>;
  restart(): Promise<void>;
  errorLog(): string;
  /** Empties the served folder (between tests). */
  reset(): void;
  close(): Promise<void>;
}
export function startWebDav(options?: { user?: string; password?: string }): Promise<WebDavServer>;
export function webDavAvailable(): boolean;
