/**
 * Words that name fields, in the languages capture reads (English, French,
 * German, Spanish, Portuguese, Italian, Dutch, Japanese, Chinese, Korean).
 * Matched against a field's label, aria-label, placeholder, name and id,
 * lower-cased, with "-", "_" and camelCase boundaries turned into spaces.
 */

/** A security token field: Salesforce's, or any connector's "Security Token". */
export const TOKEN_WORDS =
  /security ?token|sec ?token|\bsf ?token|jeton( de s[ée]curit[ée])?|sicherheits ?token|token de (seguridad|seguran[çc]a)|token di sicurezza|beveiligings ?token|セキュリティ ?トークン|安全(令牌|标记|權杖|令牌)|보안 ?토큰|^token$|\btoken\b/;

/** Tokens that are not ours: anti-forgery fields, one-time codes, captchas, OAuth tokens. */
export const NOT_OUR_TOKEN = /csrf|xsrf|authenticity|request ?verification|nonce|captcha|one ?time|\botp\b|\b2fa\b|\bmfa\b|totp|verification ?code|access ?token|refresh ?token|api ?token|bearer/;

/** Anti-forgery field names as frameworks write them (Rails, Laravel, ASP.NET, Django, Spring), read raw. */
export const CSRF_NAME = /csrf|xsrf|authenticity_token|requestverificationtoken|^_token$|^__/i;

export const USERNAME_WORDS =
  /user ?name|user ?id|\buser\b|\blogin\b|log ?in ?(name|id)|e ?mail|account|identifiant|utilisateur|benutzer|anmelde|usuario|usu[áa]rio|utente|gebruiker|ユーザー|ログイン|用户|用戶|帳號|账号|사용자|아이디|이메일/;

/** Fields that hold an address rather than an identity: "Login URL", "Host name", "Instance". */
export const ADDRESS_WORDS = /\burl\b|\buri\b|host|server|domain|endpoint|instance|https?/;

export const SEARCH_WORDS = /search|\bq\b|query|recherche|suche|buscar|pesquisa|cerca|zoeken|検索|搜索|검색/;

/** A form that creates an account or subscribes, rather than signs in. */
export const SIGNUP_WORDS = /sign ?up|register|registration|create (an |your )?account|join|newsletter|subscribe|inscri|registr|anmelden zum newsletter|abonn|confirm (your )?password|repeat password|retype/;

/** Turns "securityToken", "security_token" and "Security-Token" into "security token". */
export function words(text: string): string {
  return text
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/[-_.:[\]()]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}
