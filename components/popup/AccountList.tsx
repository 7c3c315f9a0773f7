import { canMint } from './live-model';
import { useEffect, useRef } from 'preact/hooks';
import { loginOriginOf } from '../../utils/kinds';
import { AccountRow } from './AccountRow';
import { primaryOf, ready } from './formats';
import { SiteFill } from './Fill';
import { useFocusOnShow } from './focus';
import type { RecordProblem } from '../../utils/vault/vault';
import type { PopupModel } from './model';

/** Up and Down on a row's button move to the same button in the next or previous row. */
function moveBetweenRows(e: KeyboardEvent) {
  if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
  const button = (e.target as HTMLElement).closest('button');
  const row = button?.closest('li.row');
  if (!button || !row || button.getAttribute('role') === 'menuitem') return;
  const slot = [...row.querySelectorAll(':scope > button, :scope > .menu-wrap > button')].indexOf(button);
  let next = e.key === 'ArrowDown' ? row.nextElementSibling : row.previousElementSibling;
  // Across a group heading: the next group's first or the previous group's last row.
  if (!next) {
    const group = row.closest('.group');
    const other = e.key === 'ArrowDown' ? group?.nextElementSibling : group?.previousElementSibling;
    next = (e.key === 'ArrowDown' ? other?.querySelector('li.row') : other?.querySelector('li.row:last-child')) ?? null;
  }
  const target = next?.querySelectorAll<HTMLElement>(':scope > button, :scope > .menu-wrap > button')[slot];
  if (target) {
    e.preventDefault();
    target.focus();
  }
}

function SearchBox({ model }: { model: PopupModel }) {
  const input = useRef<HTMLInputElement>(null);
  // A shortcut that opened the popup to choose an account gives the keyboard to that choice instead.
  useEffect(() => void (model.pick.value || input.current?.focus()), []);
  const selected = model.selected.value;
  const count = model.count.value;
  return (
    <div class="search">
      <label for="search" class="visually-hidden">
        Search accounts
      </label>
      <input
        id="search"
        ref={input}
        type="search"
        placeholder="Search accounts"
        autocomplete="off"
        spellcheck={false}
        aria-describedby="search-hint"
        value={model.query.value}
        onInput={(e) => model.search(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
            e.preventDefault();
            model.move(e.key === 'ArrowDown' ? 1 : -1);
          } else if (e.key === 'Escape' && model.query.value) {
            // Clears the search first; a second Escape closes the popup as usual.
            e.preventDefault();
            model.search('');
          } else if (e.key === 'Enter' && (e.ctrlKey || e.metaKey) && selected) {
            // Ctrl+Enter (Cmd+Enter on a Mac) logs in with the account, where it has a login page, or opens its org, where it mints.
            e.preventDefault();
            if (loginOriginOf(selected)) model.logIn(selected.id);
            else if (canMint(selected)) model.live.open(selected.id);
          } else if (e.key === 'Enter' && selected) {
            e.preventDefault();
            const format = primaryOf(selected);
            if (format && ready(selected, format)) void model.copy(selected.id, format.name);
            else model.showDetails(selected.id);
          }
        }}
      />
      <p id="search-hint" class="visually-hidden" aria-live="polite">
        {selected
          ? `${count} accounts. Selected: ${selected.label}. Up and Down choose, Enter copies, Ctrl+Enter logs in or opens the org, Escape clears the search.`
          : 'No account matches.'}
      </p>
    </div>
  );
}

export function AccountList({ model }: { model: PopupModel }) {
  const { groups, problems, accounts } = model;
  const selectedId = model.selected.value?.id;
  const sentinel = useRef<HTMLDivElement>(null);
  // Draws more rows as the end of the list scrolls into view.
  useEffect(() => {
    const el = sentinel.current;
    if (!el || typeof IntersectionObserver === 'undefined') return;
    const observer = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && model.showMoreRows());
    observer.observe(el);
    return () => observer.disconnect();
  }, [sentinel.current]);
  // Keeps the row chosen with the arrow keys in view.
  useEffect(() => {
    if (selectedId) document.getElementById(`row-${selectedId}`)?.scrollIntoView({ block: 'nearest' });
  }, [selectedId]);

  // Just after Create vault: the keyboard starts on what to do first.
  const empty = useFocusOnShow<HTMLParagraphElement>();
  let budget = model.rowLimit.value;
  return (
    <>
      {problems.value.length > 0 && (
        <div class="problems" role="alert">
          <strong>{problemsTitle(problems.value)}</strong>
          <ul>
            {problems.value.map((p) => (
              <li key={p.id}>{p.message}</li>
            ))}
          </ul>
        </div>
      )}
      {accounts.value.length === 0 ? (
        <p class="empty" tabIndex={-1} ref={empty}>
          No accounts yet. Open a “Your new Salesforce security token” email in your webmail and choose <strong>Save</strong>, or add an account by hand.
        </p>
      ) : (
        <>
          <SiteFill model={model} />
          <SearchBox model={model} />
          {groups.value.length === 0 && <p class="empty">No account matches “{model.query.value}”.</p>}
          <div class="groups" aria-busy={model.loadingRest.value ? 'true' : undefined} onKeyDown={moveBetweenRows}>
            {groups.value.map((group) => {
              if (budget <= 0) return null;
              const rows = group.accounts.slice(0, budget);
              budget -= rows.length;
              return (
                <section class="group" key={group.key} aria-labelledby={`group-${group.key}`}>
                  <h2 class="group-title" id={`group-${group.key}`}>
                    {group.title} <span class="muted">({group.size})</span>
                  </h2>
                  <ul class="rows">
                    {rows.map((account) => (
                      <AccountRow key={account.id} account={account} model={model} selected={account.id === selectedId} />
                    ))}
                  </ul>
                </section>
              );
            })}
          </div>
          {budget <= 0 && <div ref={sentinel} class="more" aria-hidden="true" />}
        </>
      )}
    </>
  );
}

/** Accounts that cannot be opened are counted; otherwise the list is of changes Tokenkeep did not make. */
export function problemsTitle(problems: RecordProblem[]): string {
  const unreadable = problems.filter((p) => p.kind === 'account').length;
  if (unreadable) return unreadable === 1 ? '1 account cannot be opened.' : `${unreadable} accounts cannot be opened.`;
  return 'Tokenkeep found changes on disk that it did not make.';
}
