// JWT Guard orders example: careful client-side token handling, no framework, no build step.
//  - The access token is kept only in this closure: never in localStorage, sessionStorage,
//    cookies or the DOM (the page shows its decoded claims, not the token), so it does not
//    outlive the page and other pages cannot read it.
//  - The refresh token never reaches script: the server keeps it in an HttpOnly, Secure,
//    SameSite=Strict cookie and replaces it at every refresh. Every request that uses the cookie
//    carries the CSRF header.
//  - DPoP (dpop.js): login, refresh and every API call carry a proof signed with a
//    non-extractable key of this browser; the server binds the tokens to that key (cnf.jkt), so a
//    copied token is refused without a fresh proof. Without WebCrypto or IndexedDB the page falls
//    back to bearer tokens, where the server allows them, and says so in a banner.
//  - The access token is refreshed silently shortly before it expires; logout revokes the
//    refresh token (and, through it, every access token issued from it) and forgets the key.
(() => {
  'use strict';
  const CSRF = { 'X-JWT-Guard-CSRF': '1' };
  let accessToken = null;   // in memory only
  let bound = false;        // token_type DPoP: the token is bound to our key
  let claims = null;        // the decoded payload of accessToken (for display)
  let expiresAt = 0;        // ms since the epoch
  let lifetime = 1;         // ms
  let refreshTimer = null;
  let refreshCount = 0;
  let refreshing = null;    // the refresh in flight: one at a time, or the second would reuse a spent token
  let key = null;           // the DPoP client of dpop.js, null in bearer fallback
  let nonce = null;         // the server's latest DPoP-Nonce, if it uses nonces

  const $ = (id) => document.getElementById(id);
  const show = (text) => { $('output').textContent = text; };
  const status = (text) => { $('status').textContent = text; };
  const short = (value) => (value ? String(value).slice(0, 8) + '\u2026' : '?');

  function event(text, kind) {
    const item = document.createElement('li');
    const time = document.createElement('time');
    time.textContent = new Date().toLocaleTimeString();
    item.append(time, ' ', text);
    if (kind) {
      item.className = kind;
    }
    $('events').prepend(item);
    while ($('events').children.length > 60) {
      $('events').lastElementChild.remove();
    }
  }

  function notSenderConstrained(reason) {
    $('banner-text').textContent = reason + ' The page uses plain bearer tokens where the server allows them: '
        + 'whoever copies the access token can use it until it expires.';
    $('banner').hidden = false;
  }

  async function setUpKey(fresh) {
    key = null;
    if (!window.JwtGuardDPoP || !JwtGuardDPoP.supported()) {
      notSenderConstrained('This browser offers no WebCrypto or IndexedDB here, so it cannot keep a DPoP key.');
      $('protection').textContent = 'No key: bearer tokens only.';
      event('No WebCrypto or IndexedDB: bearer tokens only (not sender-constrained).', 'warn');
      return;
    }
    try {
      key = await JwtGuardDPoP.open(fresh);
    } catch (e) {
      notSenderConstrained('The browser could not make or keep a DPoP key (' + e.message + ').');
      $('protection').textContent = 'No key: bearer tokens only.';
      event('Key generation failed: bearer tokens only (not sender-constrained).', 'warn');
      return;
    }
    $('key-jkt').textContent = key.thumbprint;
    $('protection').textContent = 'A non-extractable ECDSA P-256 key in IndexedDB signs a proof for every request.';
    event(key.created
      ? 'Made a new non-extractable ECDSA P-256 key (thumbprint ' + short(key.thumbprint) + ') and stored it in IndexedDB.'
      : 'Found this browser\'s key in IndexedDB (thumbprint ' + short(key.thumbprint) + ').');
  }

  function decode(token) {
    try {
      const part = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
      const binary = atob(part);
      return JSON.parse(new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0))));
    } catch (e) {
      return null;
    }
  }

  function renderToken() {
    $('claims').textContent = claims ? JSON.stringify(claims, null, 2) : '';
    $('token-type').textContent = bound ? 'DPoP-bound' : 'Bearer';
    const at = (seconds) => new Date(seconds * 1000).toLocaleTimeString();
    $('token-times').textContent = claims && claims.iat && claims.exp
      ? 'Issued ' + at(claims.iat) + ', expires ' + at(claims.exp) + ' (jti ' + short(claims.jti) + ').' : '';
    const jkt = claims && claims.cnf && claims.cnf.jkt;
    if (bound && key && jkt === key.thumbprint) {
      $('protection').textContent = 'Sender-constrained: the token\'s cnf.jkt is this key\'s thumbprint, and every '
          + 'request carries a fresh proof signed with the key.';
    } else if (key) {
      $('protection').textContent = 'Not sender-constrained: the server issued a bearer token although the page sent a proof.';
      notSenderConstrained('The server issued a bearer token (no cnf.jkt).');
    }
  }

  function accept(tokenResponse) {
    accessToken = tokenResponse.access_token;
    bound = String(tokenResponse.token_type).toLowerCase() === 'dpop';
    claims = decode(accessToken);
    lifetime = tokenResponse.expires_in * 1000;
    expiresAt = Date.now() + lifetime;
    // refresh at 70% of the lifetime, at the latest 5 s before expiry
    const delay = Math.max(1000, Math.min(lifetime * 0.7, lifetime - 5000));
    clearTimeout(refreshTimer);
    refreshTimer = setTimeout(() => silentRefresh('timer at 70 % of the lifetime'), delay);
    renderToken();
  }

  function signedIn(name) {
    $('who').textContent = name;
    $('session').hidden = false;
    $('login').hidden = true;
    status('Signed in.');
  }

  function signedOut(message) {
    accessToken = null;
    claims = null;
    bound = false;
    expiresAt = 0;
    clearTimeout(refreshTimer);
    $('session').hidden = true;
    $('login').hidden = false;
    status(message);
  }

  /** Whether a refusal asks for a server nonce (RFC 9449 sections 8 and 9). */
  async function asksForNonce(response) {
    if (response.status === 401) {
      return /error="use_dpop_nonce"/.test(response.headers.get('WWW-Authenticate') || '');
    }
    if (response.status === 400) {
      try {
        return (await response.clone().json()).error === 'use_dpop_nonce';
      } catch (e) {
        return false;
      }
    }
    return false;
  }

  /**
   * Sends a request with a DPoP proof when the page has a key: with ath for a bound access
   * token, without for the token requests. Retries once when the server asks for a nonce.
   */
  async function send(method, path, { token, form, headers } = {}) {
    for (let attempt = 1; ; attempt += 1) {
      const init = { method, credentials: 'same-origin', headers: { ...headers } };
      if (token) {
        init.headers.Authorization = (bound ? 'DPoP ' : 'Bearer ') + token;
      }
      if (key && (!token || bound)) {
        init.headers.DPoP = await key.proof(method, path, token, nonce);
      }
      if (form) {
        init.headers['Content-Type'] = 'application/x-www-form-urlencoded';
        init.body = new URLSearchParams(form);
      }
      const response = await fetch(path, init);
      const offered = response.headers.get('DPoP-Nonce');
      if (offered) {
        nonce = offered;
      }
      if (attempt === 1 && key && offered && await asksForNonce(response)) {
        event('The server asked for a fresh nonce; the page signs a new proof with it and retries once.');
        continue;
      }
      return response;
    }
  }

  async function describeRefusal(response) {
    try {
      const body = await response.json();
      return body.error + (body.error_description ? ': ' + body.error_description : '');
    } catch (e) {
      return 'no details';
    }
  }

  function silentRefresh(reason) {
    if (!refreshing) {
      refreshing = refresh(reason).finally(() => { refreshing = null; });
    }
    return refreshing;
  }

  async function refresh(reason) {
    const before = claims && claims.jti;
    const response = await send('POST', 'oauth/token', { form: { grant_type: 'refresh_token' }, headers: CSRF });
    if (!response.ok) {
      const why = await describeRefusal(response);
      if (accessToken) {
        event('Refresh refused (' + response.status + ', ' + why + '): the session is over.', 'warn');
        signedOut('Session ended (refresh refused: ' + response.status + '). Please log in again.');
      }
      return false;
    }
    accept(await response.json());
    refreshCount += 1;
    $('refresh-count').textContent = String(refreshCount);
    event('Silent refresh (' + reason + '): access token ' + short(claims && claims.jti) + ' replaces '
        + short(before) + (bound ? ', bound to the same key' : '') + '. The server rotated the refresh token in the '
        + 'cookie: the old one is spent, and presenting it again would end this login everywhere.', 'refresh');
    return true;
  }

  async function api(method, path, form) {
    if (!accessToken) {
      signedOut('Not signed in.');
      return undefined;
    }
    let response = await send(method, path, { token: accessToken, form });
    if (response.status === 401 && await silentRefresh('the API answered 401')) { // e.g. the tab slept past expiry
      response = await send(method, path, { token: accessToken, form });
    }
    const challenge = response.headers.get('WWW-Authenticate');
    show(method + ' ' + path + ' -> ' + response.status + (challenge ? '\nWWW-Authenticate: ' + challenge : '')
      + '\n' + await response.text());
    event(method + ' ' + path + ' -> ' + response.status + (bound ? ' (DPoP token with a fresh single-use proof)'
      : ' (bearer token)'));
    return response;
  }

  /** What a thief who copied the access token (but cannot use the key) gets. */
  async function attack() {
    if (!accessToken) {
      return;
    }
    const stolen = accessToken;
    const lines = ['A second client replays the current access token (' + short(claims && claims.jti) + ') to GET api/me:'];
    let worked = false;
    for (const scheme of ['DPoP', 'Bearer']) {
      // a plain request: no proof, no cookie, nothing but the token
      const response = await fetch('api/me', { credentials: 'omit', headers: { Authorization: scheme + ' ' + stolen } });
      worked = worked || response.ok;
      lines.push('', 'Authorization: ' + scheme + ' <token>, no DPoP proof -> ' + response.status,
        'WWW-Authenticate: ' + (response.headers.get('WWW-Authenticate') || '(none)'));
    }
    lines.push('', worked
      ? 'The copied bearer token works for anyone who has it, until it expires.'
      : 'Refused: without the private key the attacker cannot make the proof, so the token is useless to them.');
    $('attack-output').textContent = lines.join('\n');
    event(worked ? 'Attacker replay: the copied bearer token was accepted.'
      : 'Attacker replay without the key: refused with 401 both ways.', worked ? 'warn' : 'attack');
  }

  $('login').addEventListener('submit', async (event_) => {
    event_.preventDefault();
    const username = $('username').value;
    const form = { username, password: $('password').value };
    $('password').value = '';
    const response = await send('POST', 'auth/login', { form, headers: CSRF });
    if (!response.ok) {
      status('Login refused (' + response.status + ').');
      event('Login refused (' + response.status + ', ' + await describeRefusal(response) + ').', 'warn');
      return;
    }
    accept(await response.json());
    event('Logged in: ' + (bound ? 'a DPoP-bound' : 'a bearer') + ' access token ' + short(claims && claims.jti)
      + ' for ' + Math.round(lifetime / 1000) + ' s, and a refresh token in an HttpOnly cookie'
      + (bound ? ', both bound to this key' : '') + '.');
    signedIn(username);
    await api('GET', 'api/me');
  });

  $('me-button').addEventListener('click', () => api('GET', 'api/me'));
  $('orders-button').addEventListener('click', () => api('GET', 'api/orders'));
  $('order-button').addEventListener('click', () => api('POST', 'api/orders', { item: 'coffee' }));
  $('admin-button').addEventListener('click', () => api('GET', 'api/admin'));
  $('refresh-button').addEventListener('click', () => silentRefresh('button'));
  $('attack-button').addEventListener('click', attack);
  $('logout-button').addEventListener('click', async () => {
    // no token: revokes the cookie's family and, through it, its access tokens; a family bound to
    // the key needs the key's proof for this too, so a stolen cookie cannot even log the user out
    const response = await send('POST', 'oauth/revoke', { headers: CSRF });
    signedOut(response.ok ? 'Logged out; the refresh token is revoked.' : 'Logout failed (' + response.status + ').');
    show('');
    $('attack-output').textContent = 'Not tried yet.';
    event(response.ok ? 'Logged out: the server revoked the refresh token family and its access tokens.'
      : 'Logout failed (' + response.status + ').');
    if (response.ok && key) {
      await key.forget();
      await setUpKey(true); // the next login gets a new key
    }
  });

  setInterval(() => {
    if (accessToken) {
      const left = Math.max(0, expiresAt - Date.now());
      $('expires-in').textContent = String(Math.round(left / 1000));
      $('lifetime').value = left / lifetime;
    }
  }, 250);

  // A reload loses the in-memory token; the HttpOnly cookie may still hold a session, bound to
  // the key that IndexedDB kept.
  setUpKey(false).then(() => silentRefresh('page loaded with a refresh cookie')).then(async (ok) => {
    if (ok) {
      signedIn(claims && claims.sub ? claims.sub : '?');
      await api('GET', 'api/me');
    } else {
      signedOut('Not signed in.');
    }
  });
})();
