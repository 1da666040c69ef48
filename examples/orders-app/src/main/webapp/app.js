// JWT Guard orders example: secure client-side token handling, no framework, no build step.
//  - The access token is kept only in this closure: never in localStorage, sessionStorage,
//    cookies or the DOM, so it does not outlive the page and other pages cannot read it.
//  - The refresh token never reaches script: the server keeps it in an HttpOnly, Secure,
//    SameSite=Strict cookie. Every request that uses the cookie carries the CSRF header.
//  - The access token is refreshed silently shortly before it expires; logout revokes the
//    refresh token (and, through it, every access token issued from it) and clears the cookie.
(() => {
  'use strict';
  const CSRF = { 'X-JWT-Guard-CSRF': '1' };
  let accessToken = null;   // in memory only
  let expiresAt = 0;        // ms since the epoch
  let refreshTimer = null;
  let refreshCount = 0;

  const $ = (id) => document.getElementById(id);
  const show = (text) => { $('output').textContent = text; };
  const status = (text) => { $('status').textContent = text; };

  function accept(tokenResponse) {
    accessToken = tokenResponse.access_token;
    const lifetime = tokenResponse.expires_in * 1000;
    expiresAt = Date.now() + lifetime;
    // refresh at 70% of the lifetime, at the latest 5 s before expiry
    const delay = Math.max(1000, Math.min(lifetime * 0.7, lifetime - 5000));
    clearTimeout(refreshTimer);
    refreshTimer = setTimeout(silentRefresh, delay);
  }

  function signedIn(name) {
    $('who').textContent = name;
    $('session').hidden = false;
    $('login').hidden = true;
    status('Signed in.');
  }

  function signedOut(message) {
    accessToken = null;
    expiresAt = 0;
    clearTimeout(refreshTimer);
    $('session').hidden = true;
    $('login').hidden = false;
    status(message);
  }

  async function tokenRequest(path, form) {
    return fetch(path, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { ...CSRF, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form),
    });
  }

  async function silentRefresh() {
    const response = await tokenRequest('oauth/token', { grant_type: 'refresh_token' });
    if (!response.ok) {
      signedOut('Session ended (refresh refused: ' + response.status + '). Please log in again.');
      return false;
    }
    accept(await response.json());
    refreshCount += 1;
    $('refresh-count').textContent = String(refreshCount);
    return true;
  }

  async function api(method, path, form) {
    if (!accessToken) {
      signedOut('Not signed in.');
      return;
    }
    const init = { method, headers: { Authorization: 'Bearer ' + accessToken } };
    if (form) {
      init.headers['Content-Type'] = 'application/x-www-form-urlencoded';
      init.body = new URLSearchParams(form);
    }
    let response = await fetch(path, init);
    if (response.status === 401 && await silentRefresh()) { // e.g. the tab slept past expiry
      init.headers.Authorization = 'Bearer ' + accessToken;
      response = await fetch(path, init);
    }
    const challenge = response.headers.get('WWW-Authenticate');
    show(method + ' ' + path + ' -> ' + response.status + (challenge ? '\nWWW-Authenticate: ' + challenge : '')
      + '\n' + await response.text());
    return response;
  }

  $('login').addEventListener('submit', async (event) => {
    event.preventDefault();
    const username = $('username').value;
    const response = await tokenRequest('auth/login', { username, password: $('password').value });
    $('password').value = '';
    if (!response.ok) {
      status('Login refused (' + response.status + ').');
      return;
    }
    accept(await response.json());
    signedIn(username);
    await api('GET', 'api/me');
  });

  $('me-button').addEventListener('click', () => api('GET', 'api/me'));
  $('orders-button').addEventListener('click', () => api('GET', 'api/orders'));
  $('order-button').addEventListener('click', () => api('POST', 'api/orders', { item: 'coffee' }));
  $('admin-button').addEventListener('click', () => api('GET', 'api/admin'));
  $('logout-button').addEventListener('click', async () => {
    const response = await tokenRequest('oauth/revoke', {}); // no token: revokes the cookie's family
    signedOut(response.ok ? 'Logged out; the refresh token is revoked.' : 'Logout failed (' + response.status + ').');
    show('');
  });

  setInterval(() => {
    if (accessToken) {
      $('expires-in').textContent = String(Math.max(0, Math.round((expiresAt - Date.now()) / 1000)));
    }
  }, 500);

  // A reload loses the in-memory token; the HttpOnly cookie may still hold a session.
  silentRefresh().then(async (ok) => {
    if (ok) {
      const me = await fetch('api/me', { headers: { Authorization: 'Bearer ' + accessToken } });
      signedIn(me.ok ? (await me.json()).name : '?');
    } else {
      signedOut('Not signed in.');
    }
  });
})();
