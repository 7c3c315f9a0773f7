import { BackupSection } from './BackupSection';
import { CaptureSettings } from './CaptureSettings';
import { ClipboardSettings } from './ClipboardSettings';
import { ImportAccounts } from './ImportAccounts';
import type { ImportAccountsModel } from './import-accounts-model';
import { ImportEmail } from './ImportEmail';
import { LoginSites } from './LoginSites';
import type { LoginSitesModel } from './login-sites-model';
import type { OptionsModel } from './model';
import { ResetVault } from './ResetVault';
import { SyncSection } from './SyncSection';
import type { SyncModel } from './sync-model';
import { TerminalSection } from './TerminalSection';
import type { TerminalModel } from './terminal-model';
import { VaultSettings } from './VaultSettings';

export function Options({
  model,
  sync,
  terminal,
  loginSites,
  imports,
}: {
  model: OptionsModel;
  sync?: SyncModel;
  terminal?: TerminalModel;
  loginSites?: LoginSitesModel;
  imports?: ImportAccountsModel;
}) {
  return (
    <main class="options">
      <h1>Tokenkeep settings</h1>
      <CaptureSettings model={model} />
      {imports && <ImportAccounts model={imports} />}
      <ImportEmail model={model} />
      <VaultSettings model={model} />
      <ClipboardSettings model={model} />
      {loginSites && <LoginSites model={loginSites} />}
      {sync && <SyncSection model={sync} />}
      {terminal && <TerminalSection model={terminal} />}
      <BackupSection model={model} />
      <ResetVault model={model} />
    </main>
  );
}
