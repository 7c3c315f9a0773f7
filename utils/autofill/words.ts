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
export const NOT_OUR_TOKEN =
  /csrf|xsrf|authenticity|request ?verification|nonce|captcha|one ?time|\botp\b|\b2fa\b|\bmfa\b|totp|verification ?code|access ?token|refresh ?token|api ?token|bearer/;

/** Anti-forgery field names as frameworks write them (Rails, Laravel, ASP.NET, Django, Spring), read raw. */
export const CSRF_NAME = /csrf|xsrf|authenticity_token|requestverificationtoken|^_token$|^__/i;

export const USERNAME_WORDS =
  /user ?name|user ?id|\buser\b|\blogin\b|log ?in ?(name|id)|e ?mail|account|identifiant|utilisateur|benutzer|anmelde|usuario|usu[áa]rio|utente|gebruiker|ユーザー|ログイン|用户|用戶|帳號|账号|사용자|아이디|이메일/;

/** A password, by name: what a field calls itself whatever its length limits say. */
export const PASSWORD_WORDS = /pass ?word|passwd|\bpwd\b|mot de passe|passwort|kennwort|contrase[ñn]a|\bsenha\b|wachtwoord|パスワード|密码|密碼|비밀번호/;

/** Fields that hold an address rather than an identity: "Login URL", "Host name", "Instance". */
export const ADDRESS_WORDS = /\burl\b|\buri\b|host|server|domain|endpoint|instance|https?/;

export const SEARCH_WORDS = /search|\bq\b|query|recherche|suche|buscar|pesquisa|cerca|zoeken|検索|搜索|검색/;

/** A form that creates an account or subscribes, rather than signs in. */
export const SIGNUP_WORDS =
  /sign ?up|register|registration|create (an |your )?account|join|newsletter|subscribe|inscri|registr|anmelden zum newsletter|abonn|confirm (your )?password|repeat password|retype/;

/**
 * One-time and verification codes, and PINs: a password or token never goes in. "Security code" is
 * here too: on a sign-in page it is a code sent by SMS or an app, on a payment form the card's CVC.
 */
export const CODE_WORDS =
  /one ?time|\botp\b|totp|\b2fa\b|\bmfa\b|verification ?code|verify ?code|security ?code|auth(entication)? ?code|confirm(ation)? ?code|pass ?code|sms ?code|\bpin\b|code de (v[ée]rification|s[ée]curit[ée]|confirmation)|code (à|a) usage unique|best[äa]tigungs ?code|verifizierungs ?code|sicherheits ?code|einmal ?(code|passwort|kennwort)|authentifizierungs ?code|c[óo]digo de (verificaci[óo]n|verifica[çc][ãa]o|seguridad|seguran[çc]a|confirmaci[óo]n|confirma[çc][ãa]o|autenticaci[óo]n|autentica[çc][ãa]o)|codice di (verifica|sicurezza|conferma)|codice monouso|verificatie ?code|beveiligings ?code|bevestigings ?code|eenmalige ?code|確認コード|認証コード|セキュリティ ?コード|ワンタイム|验证码|驗證碼|安全码|安全碼|动态密码|一次性密码|인증 ?(코드|번호)|보안 ?코드|일회용/;

/** A payment card's number, check code, expiry or holder. */
export const CARD_WORDS =
  /card ?(number|no\b|holder|verification|security)|credit ?card|debit ?card|name on card|\bcc ?(num|number|exp|csc|cvv|name)\b|\bcvc\d?\b|\bcvv\d?\b|\bcsc\b|expir(y|ation) ?(date|month|year)?|\bexp ?(date|month|year)\b|\bmm ?yy\b|valid (thru|until)|num[ée]ro de (la )?carte|carte (bancaire|de cr[ée]dit)|cryptogramme|date d ?expiration|titulaire de la carte|karten ?(nummer|inhaber|pr[üu]fnummer)|kreditkarte|ablaufdatum|g[üu]ltig bis|n[úu]mero de (la )?(tarjeta|cart[ãa]o)|tarjeta de (cr[ée]dito|d[ée]bito)|cart[ãa]o de cr[ée]dito|fecha de (caducidad|vencimiento|expiraci[óo]n)|titular (de la tarjeta|do cart[ãa]o)|validade|numero (della )?carta|carta di credito|data di scadenza|intestatario|kaart ?nummer|creditcard|verval ?datum|kaart ?houder|カード ?番号|クレジット ?カード|有効期限|カード ?名義|卡号|卡號|信用卡|有效期|持卡人|카드 ?번호|신용 ?카드|유효 ?기간|카드 ?소유자/;

/** Postal address fields: street, postcode, town, country. */
export const POSTAL_WORDS =
  /street|address ?line|(postal|billing|shipping|home|mailing) ?address|post ?code|postal ?code|\bzip\b|\bcity\b|\btown\b|\bcountry\b|province|\bstate\b|adresse postale|\brue\b|code postal|\bville\b|\bpays\b|stra(ß|ss)e|hausnummer|postleitzahl|\bplz\b|\bort\b|\bcalle\b|direcci[óo]n|c[óo]digo postal|ciudad|pa[íi]s|endere[çc]o|\bcep\b|cidade|indirizzo|\bcap\b|citt[àa]|\bstraat\b|huisnummer|woonplaats|住所|郵便番号|市区町村|都道府県|地址|邮编|邮政编码|郵遞區號|城市|주소|우편 ?번호/;

/** An app's credentials rather than a person's: an OAuth app's key and secret, API and signing keys. */
export const APP_CREDENTIAL_WORDS =
  /consumer ?(key|secret)|client ?(id|secret)|app(lication)? ?(id|key|secret)|api ?(key|secret)|secret ?key|access ?key|private ?key|signing ?secret|shared ?secret|key ?id|tenant ?id|refresh ?token|cl[ée] (client|secr[èe]te|du consommateur)|secret (client|du consommateur)|verbraucher ?(schl[üu]ssel|geheimnis)|clave (del consumidor|secreta)|secreto (del consumidor|de cliente)|chave (do consumidor|secreta)|segredo (do consumidor|do cliente)|chiave (consumer|segreta)|segreto (consumer|client)|consumentensleutel|consumentengeheim|コンシューマ ?(鍵|キー|の秘密)|クライアント ?(id|シークレット)|使用者(密钥|金鑰)|客户端(密钥|id)|소비자 ?(키|암호)|클라이언트 ?(id|암호)/;

/** Turns "securityToken", "security_token" and "Security-Token" into "security token". */
export function words(text: string): string {
  return text
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/[-_.:[\]()]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

/** An app credential that is an OAuth client's own: consumer key and secret, client id and secret. */
export const CLIENT_WORDS =
  /consumer|client|consommateur|verbraucher|consumidor|cliente|consumentens|コンシューマ|クライアント|客户端|使用者|소비자|클라이언트/;

/** The secret half of an app credential. */
export const SECRET_WORDS = /secret|geheim|secr[èe]t|secreto|segredo|segreto|秘密|シークレット|密钥|金鑰|암호/;
