// Real IndexedDB semantics in Node, fresh for every test file.
import 'fake-indexeddb/auto';
