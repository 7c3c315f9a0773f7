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
