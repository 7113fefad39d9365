// Type declarations for demo/portal.mjs, so TypeScript tests (test/e2e, allowJs off) can import it.

/** A portal user as kept in memory (and in the optional data file). */
export interface PortalUser {
  id: string;
  firstName: string;
  /** Lower-cased; also the key in `PortalState.users`. */
  email: string;
  /** `scrypt$N$r$p$salt$hash`, never the password itself. */
  passwordHash: string;
  totpSecret: string | null;
  /** Highest TOTP time step accepted so far (-1: none); older or equal steps are refused. */
  lastStep: number;
  pendingSecret: string | null;
  backupCodeHash: string | null;
}

export interface PortalState {
  users: Record<string, PortalUser>;
  sessions: Map<string, { userId: string | null; pendingUserId: string | null }>;
  onceImages: Map<string, Buffer>;
}

export type QrStyle =
  | 'svg' | 'img-png' | 'img-svg' | 'img-once' | 'remote' | 'canvas' | 'split' | 'otc' | 'tiny' | 'dark'
  | 'below-fold' | 'two-codes' | 'bg' | 'iframe' | 'text-only';

/** Every setup-page QR style, in a stable order. */
export const QR_STYLES: readonly QrStyle[];

export interface PortalOptions {
  /** Host name used in `url` ('127.0.0.1' or 'localhost'); the server always binds 127.0.0.1. */
  host?: '127.0.0.1' | 'localhost';
  /** 0 (default) picks a free port. */
  port?: number;
  /** JSON file to load users from and save them to. */
  dataFile?: string;
  /** One line per request (method, path, status) on stdout. Default false. */
  log?: boolean;
  /** Default setup QR style (default 'svg'); `?style=` on the setup page overrides it. */
  qrStyle?: QrStyle;
  /** Origin of a running remote QR image host; otherwise one is started on first use. */
  qrImageUrl?: string;
  /** Clock in ms for TOTP checks (tests only). Default Date.now. */
  now?: () => number;
}

export interface Portal {
  /** e.g. http://127.0.0.1:41234 (no trailing slash). */
  url: string;
  port: number;
  close(): Promise<void>;
  state: PortalState;
}

export function startPortal(options?: PortalOptions): Promise<Portal>;

/** The "remote" QR image service (`/v1/create-qr-code/?size=200x200&data=…`), addressed as localhost, no CORS. */
export function startQrImageHost(options?: { port?: number; log?: boolean }): Promise<{ url: string; port: number; close(): Promise<void> }>;

/** Portal unit tests only: the enabled or pending TOTP secret of a user. Never use it in e2e tests. */
export function peekTotpSecret(portal: Portal, email: string): string | null;
