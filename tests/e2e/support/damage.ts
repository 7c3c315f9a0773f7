/**
 * Flips one byte of the first stored account record in the extension's real
 * IndexedDB, as disk damage would. Runs inside an extension page (passed to
 * page.evaluate), so it is self-contained.
 */
export function flipOneRecordByte(): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const open = indexedDB.open('tokenkeep');
    open.onsuccess = () => {
      const store = open.result.transaction('kv', 'readwrite').objectStore('kv');
      const cursor = store.openCursor(IDBKeyRange.bound('record:', 'record:\uffff'));
      cursor.onsuccess = () => {
        const c = cursor.result;
        if (!c) return reject(new Error('no record stored'));
        const value = c.value as { ct: Uint8Array };
        value.ct[3]! ^= 0x01;
        c.update(value).onsuccess = () => resolve();
      };
    };
    open.onerror = () => reject(open.error);
  });
}

/**
 * Holds a readwrite transaction on the vault's store open in an extension
 * page, as a slow disk would: every transaction the background starts waits
 * behind it. Resolves once the hold is in place; `releaseVaultWrites()` (on
 * the same page's window) lets it commit, having written nothing.
 */
export function holdVaultWrites(): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const open = indexedDB.open('tokenkeep');
    open.onsuccess = () => {
      const store = open.result.transaction('kv', 'readwrite').objectStore('kv');
      let held = true;
      (window as unknown as { releaseVaultWrites: () => void }).releaseVaultWrites = () => (held = false);
      // A transaction stays open while it has requests in flight: keep one in flight until released.
      const spin = () => {
        if (held) store.get('hold').onsuccess = spin;
      };
      store.get('hold').onsuccess = () => {
        resolve();
        spin();
      };
      store.transaction.onerror = () => reject(store.transaction.error);
    };
    open.onerror = () => reject(open.error);
  });
}

/**
 * Writes a plain-text account row into the vault's store, under the key
 * Tokenkeep 0.1 used, as someone with access to the profile could. Runs in
 * an extension page (passed to page.evaluate with the row).
 */
export function plantPlaintextAccount(row: { id: string } & Record<string, unknown>): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const open = indexedDB.open('tokenkeep');
    open.onsuccess = () => {
      const tx = open.result.transaction('kv', 'readwrite');
      tx.objectStore('kv').put(row, `account:${row.id}`);
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    };
    open.onerror = () => reject(open.error);
  });
}
