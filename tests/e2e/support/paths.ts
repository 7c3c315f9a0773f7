export { extensionDir, ROOT } from '../../../scripts/lib/build';
