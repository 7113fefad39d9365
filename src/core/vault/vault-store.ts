/**
 * Crash-safe persistence of the vault record over a key-value area (chrome.storage.local in the
 * extension). chrome.storage has no transactions, so a write goes to the slot the pointer does
 * not name, then a second call flips the pointer: until the flip lands, readers still see the
 * previous vault, and after it the previous copy stays in the other slot (security-bar D.25).
 */
import { validateVaultRecord, type StoredVaultRecord, type VaultRecord } from './vault-format';

/** The subset of chrome.storage.StorageArea the store needs (injected so tests can fail it). */
export interface KeyValueArea {
  get(keys: string[]): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string[]): Promise<void>;
}

type Slot = 'a' | 'b';
const KEYS = { a: 'vault.a', b: 'vault.b', pointer: 'vault.current' } as const;
/**
 * Set while a write must reach both slots (a passphrase change, a new vault key, a removed
 * passkey): the previous copy still opens with what was just revoked. A crash before the second
 * slot is rewritten leaves the marker, and `finishPendingReplace` completes the job next time.
 */
const REPLACE_MARKER = 'vault.replacing';
/**
 * Written in the same `set` call as a new copy and removed after the pointer flip: after a crash
 * it tells whether the interrupted write landed (the pointer names its slot) or not. Relies on
 * one `set` of several keys being stored together (chrome.storage writes them in one batch).
 */
const JOURNAL = 'vault.writing';

/** What happened to a write a crash (a stopped service worker, a killed browser) cut short. */
export type InterruptedWrite = 'saved' | 'not-saved';

/** The vault the store found, and whether it had to fall back from the slot the pointer names. */
export interface LoadedVault {
  /** Either version: a version 1 record is upgraded by the first unlock. */
  record: StoredVaultRecord;
  recoveredFromPrevious: boolean;
}

interface Located extends LoadedVault {
  slot: Slot;
}

function tryRecord(value: unknown): StoredVaultRecord | null {
  if (value === undefined) return null;
  try {
    return validateVaultRecord(value);
  } catch {
    return null;
  }
}

const other = (slot: Slot): Slot => (slot === 'a' ? 'b' : 'a');

/** Atomic two-slot vault storage. Never deletes or repairs anything on its own. */
export class VaultStore {
  /** Saves run one after another: two overlapping writes could otherwise target the same slot. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly area: KeyValueArea) {}

  /**
   * Reads the pointer first, then only the slot it names: a popup opened after the worker was
   * stopped waits for this, and each slot holds a whole vault. The other slot is read only when
   * the named one is missing or damaged.
   */
  private async locate(): Promise<Located | null> {
    const pointer = (await this.area.get([KEYS.pointer]))[KEYS.pointer];
    const named: Slot | null = pointer === 'a' || pointer === 'b' ? pointer : null;
    if (named) {
      const record = tryRecord((await this.area.get([KEYS[named]]))[KEYS[named]]);
      if (record) return { record, slot: named, recoveredFromPrevious: false };
    }
    // The named slot is missing or damaged (or there is no pointer: the very first write was
    // interrupted, or the pointer was lost). Fall back to any readable slot, preferring the one
    // the pointer does not name; with no pointer, 'a' is the slot a first write fills.
    const order: Slot[] = named ? [other(named)] : ['a', 'b'];
    const items = await this.area.get(order.map((slot) => KEYS[slot]));
    for (const slot of order) {
      const record = tryRecord(items[KEYS[slot]]);
      if (record) return { record, slot, recoveredFromPrevious: true };
    }
    return null;
  }

  /**
   * The current vault record, or null when there is none yet. `recoveredFromPrevious` is true
   * when the slot the pointer names was missing or unreadable and the other slot was used:
   * the caller should tell the person that the latest change may be missing.
   */
  async load(): Promise<LoadedVault | null> {
    const found = await this.locate();
    return found && { record: found.record, recoveredFromPrevious: found.recoveredFromPrevious };
  }

  /** Whether anything of a vault is stored, readable or not: then a new vault must not be created. */
  async exists(): Promise<boolean> {
    const items = await this.area.get([KEYS.pointer, KEYS.a, KEYS.b]);
    return Object.values(items).some((v) => v !== undefined);
  }

  /**
   * Why no slot can be read, when a vault is stored but `load()` finds nothing (a newer format,
   * damaged fields): the error of the slot the pointer names, else of any stored slot.
   */
  async unreadableReason(): Promise<Error | null> {
    const items = await this.area.get([KEYS.pointer, KEYS.a, KEYS.b]);
    const pointer = items[KEYS.pointer];
    const slots: Slot[] = pointer === 'b' ? ['b', 'a'] : ['a', 'b'];
    for (const slot of slots) {
      if (items[KEYS[slot]] === undefined) continue;
      try {
        validateVaultRecord(items[KEYS[slot]]);
      } catch (err) {
        return err instanceof Error ? err : new Error(String(err));
      }
    }
    return null;
  }

  /**
   * Stores a new record atomically. On any failure (quota, crash) the previously loadable
   * vault stays loadable; retrying the save is safe. Throws the area's error unchanged for
   * the caller to report, or VaultError if `record` is not a valid vault record.
   */
  save(record: VaultRecord): Promise<void> {
    const run = this.queue.then(() => this.write(record));
    this.queue = run.catch(() => undefined);
    return run;
  }

  /**
   * Stores a record in BOTH slots, so no copy made under an old passphrase, key or key slot
   * stays behind. The new record becomes current first (through the normal atomic write), then
   * overwrites the previous copy; a crash in between is finished by `finishPendingReplace`.
   */
  replaceEverywhere(record: VaultRecord): Promise<void> {
    const run = this.queue.then(async () => {
      await this.area.set({ [REPLACE_MARKER]: true });
      await this.write(record);
      await this.overwritePrevious();
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Completes a `replaceEverywhere` that a crash interrupted; true when there was one to finish. */
  finishPendingReplace(): Promise<boolean> {
    const run = this.queue.then(async () => {
      const items = await this.area.get([REPLACE_MARKER]);
      if (items[REPLACE_MARKER] === undefined) return false;
      await this.overwritePrevious();
      return true;
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Copies the current record over the other slot, then clears the marker. */
  private async overwritePrevious(): Promise<void> {
    const current = await this.locate();
    // Nothing readable (or only the fallback): never overwrite the one copy that still opens.
    if (current && !current.recoveredFromPrevious) await this.area.set({ [KEYS[other(current.slot)]]: current.record });
    await this.area.remove([REPLACE_MARKER]);
  }

  private async write(record: VaultRecord): Promise<void> {
    const clean = validateVaultRecord(record);
    const current = await this.locate();
    // Never write over the slot that holds the vault readers currently get.
    const target: Slot = current ? other(current.slot) : 'a';
    await this.area.set({ [KEYS[target]]: clean, [JOURNAL]: { target } });
    await this.area.set({ [KEYS.pointer]: target }); // the commit point
    await this.area.remove([JOURNAL]);
  }

  /**
   * After a restart: null when no write was cut short; otherwise whether it landed whole
   * ('saved': the new state is current) or not ('not-saved': the state before it is). Clears the
   * note, so ask once, before the next write.
   */
  takeInterruptedWrite(): Promise<InterruptedWrite | null> {
    const run = this.queue.then(async (): Promise<InterruptedWrite | null> => {
      // The journal alone first: it is absent after every write that finished (nearly always).
      const items = await this.area.get([JOURNAL, KEYS.pointer]);
      const journal = items[JOURNAL] as { target?: unknown } | undefined;
      if (journal === undefined) return null;
      const target = journal?.target === 'a' || journal?.target === 'b' ? journal.target : null;
      const landed = target !== null && items[KEYS.pointer] === target && tryRecord((await this.area.get([KEYS[target]]))[KEYS[target]]) !== null;
      await this.area.remove([JOURNAL]);
      return landed ? 'saved' : 'not-saved';
    });
    this.queue = run.catch(() => undefined);
    return run;
  }
}
