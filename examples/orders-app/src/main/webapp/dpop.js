// DPoP proofs (RFC 9449) from the browser, with WebCrypto and IndexedDB only: no library, no build.
//  - The key pair is ECDSA P-256 (ES256), generated with extractable = false: the browser signs
//    with the private key but never hands its bytes to script, not even to this file.
//  - The pair is kept in IndexedDB (a CryptoKey survives structured cloning without becoming
//    exportable), so a reload finds the same key, which the refresh-token family is bound to.
//  - A proof is a JWT: header {typ: "dpop+jwt", alg: "ES256", jwk: <public key>}, payload
//    {jti, htm, htu, iat} plus ath = base64url(SHA-256(access token)) when it goes with a token,
//    and the server's nonce when it asked for one.
// Exposes one frozen object, JwtGuardDPoP, with supported() and open(); the key stays inside.
(() => {
  'use strict';
  const DATABASE = 'jwtguard-orders';
  const STORE = 'keys';
  const ENTRY = 'dpop';
  const ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256' };
  const SIGNATURE = { name: 'ECDSA', hash: 'SHA-256' };
  const utf8 = new TextEncoder();

  function base64url(bytes) {
    let binary = '';
    new Uint8Array(bytes).forEach((b) => { binary += String.fromCharCode(b); });
    return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  }

  const encodeJson = (value) => base64url(utf8.encode(JSON.stringify(value)));
  const sha256 = async (text) => base64url(await crypto.subtle.digest('SHA-256', utf8.encode(text)));

  function supported() {
    return Boolean(window.isSecureContext && window.crypto && crypto.subtle && window.indexedDB);
  }

  /** Runs one request against the key store; resolves with its result when the transaction commits. */
  function store(mode, action) {
    return new Promise((resolve, reject) => {
      const open = indexedDB.open(DATABASE, 1);
      open.onupgradeneeded = () => open.result.createObjectStore(STORE);
      open.onerror = () => reject(open.error);
      open.onsuccess = () => {
        const db = open.result;
        const tx = db.transaction(STORE, mode);
        const request = action(tx.objectStore(STORE));
        tx.oncomplete = () => { db.close(); resolve(request.result); };
        tx.onerror = tx.onabort = () => { db.close(); reject(tx.error || new Error('IndexedDB transaction failed')); };
      };
    });
  }

  /** The public key as a JWK with only its required members (RFC 7638 order for the thumbprint). */
  async function publicJwk(publicKey) {
    const jwk = await crypto.subtle.exportKey('jwk', publicKey);
    return { crv: jwk.crv, kty: jwk.kty, x: jwk.x, y: jwk.y };
  }

  /**
   * The stored key pair, or a new one when none is stored (or create is true).
   * @returns a client: {thumbprint, created, proof(method, url, accessToken, nonce), forget()}
   */
  async function open(create) {
    let pair = create ? undefined : await store('readonly', (s) => s.get(ENTRY));
    const created = !pair;
    if (created) {
      pair = await crypto.subtle.generateKey(ALGORITHM, false, ['sign', 'verify']);
      if (pair.privateKey.extractable) {
        throw new Error('the browser made an extractable private key');
      }
      await store('readwrite', (s) => s.put(pair, ENTRY));
    }
    const jwk = await publicJwk(pair.publicKey);
    const thumbprint = await sha256(JSON.stringify(jwk));
    const header = encodeJson({ typ: 'dpop+jwt', alg: 'ES256', jwk });

    async function proof(method, url, accessToken, nonce) {
      const target = new URL(url, document.baseURI);
      const claims = {
        jti: base64url(crypto.getRandomValues(new Uint8Array(16))),
        htm: method,
        htu: target.origin + target.pathname,
        iat: Math.floor(Date.now() / 1000),
      };
      if (accessToken) {
        claims.ath = await sha256(accessToken);
      }
      if (nonce) {
        claims.nonce = nonce;
      }
      const input = header + '.' + encodeJson(claims);
      // WebCrypto's ECDSA signature is r || s, exactly the JWS (RFC 7518 section 3.4) form
      const signature = await crypto.subtle.sign(SIGNATURE, pair.privateKey, utf8.encode(input));
      return input + '.' + base64url(signature);
    }

    async function forget() {
      await store('readwrite', (s) => s.delete(ENTRY));
      pair = null;
    }

    return Object.freeze({ thumbprint, created, proof, forget });
  }

  window.JwtGuardDPoP = Object.freeze({ supported, open, sha256 });
})();
