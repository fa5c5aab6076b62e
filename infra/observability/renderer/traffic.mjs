// Real traffic through the gateway of a local platform (infra/local/up) for a few minutes, so that every panel of the
// dashboard has something true to show. Used by infra/observability/screenshot.
//
//   node traffic.mjs [--minutes 5] [--people 16]
//
// People of realm `rights`, made for the run through Keycloak's admin API (screenshot-<run>-<n>, role data-subject)
// and deleted after it, each in a loop: ACCESS and EXPORT requests in several jurisdictions, reading their requests
// (and an unknown one: 404), the data of a completed ACCESS, the archive of a completed EXPORT, consent given and
// withdrawn (WITHDRAW_CONSENT); a third of them deregister (cooling-off, erasure at every system, account deleted).
// Beside them: requests without an account (a code by mail, a wrong code: 422), anonymous calls beyond the gateway's
// rate limit (429), and an agent reading the queue. Environment: KC_BOOTSTRAP_ADMIN_USERNAME/PASSWORD (dev-secrets.env).
const args = {};
for (let i = 2; i + 1 < process.argv.length; i += 2) args[process.argv[i].replace(/^--/, '')] = process.argv[i + 1];
const MINUTES = Number(args.minutes ?? 5);
const PEOPLE = Number(args.people ?? 16);
const GATEWAY = args.gateway ?? 'http://127.0.0.1:8080';
const KEYCLOAK = args.keycloak ?? 'http://127.0.0.1:8180';
const REALM = 'rights';
const PREFIX = 'screenshot-';
const PASSWORD = 'screenshot-only-password-1';
const JURISDICTIONS = ['DE', 'FR', 'CN', 'US-CA', 'BR', 'GB'];
const run = Date.now().toString(36);
const until = Date.now() + MINUTES * 60_000;
const tally = new Map();

const admin = await adminToken();
await deletePeople(admin.token); // leftovers of an earlier run
const agent = await makePerson(admin.token, `${PREFIX}${run}-agent`, 'support-agent');
const people = [];
for (let i = 0; i < PEOPLE; i++) {
  people.push(await makePerson(admin.token, `${PREFIX}${run}-${i}`, 'data-subject'));
}
log(`${people.length} people and one agent made in realm ${REALM}; traffic for ${MINUTES} min through ${GATEWAY}`);
const purposes = await call('purposes', 'GET', '/api/v1/consents/purposes');

const loops = [
  ...people.map((person, i) => personLoop(person, i % 3 === 0)),
  anonymousLoop(),
  agentLoop(agent),
  progress(),
];
await Promise.all(loops);
await deletePeople((await adminToken()).token);
log('done; answers by call and status:');
for (const [key, count] of [...tally.entries()].sort()) console.log(`  ${key.padEnd(34)} ${count}`);

async function personLoop(person, deregisters) {
  const deregisterAt = Date.now() + (0.15 + Math.random() * 0.35) * MINUTES * 60_000;
  const submitted = [];
  await sleep(Math.random() * 4000);
  while (Date.now() < until) {
    if (deregisters && Date.now() > deregisterAt) {
      await call('submit DEREGISTER', 'POST', '/api/v1/requests', person, { type: 'DEREGISTER', jurisdiction: pick(JURISDICTIONS) });
      return; // the account goes once the cooling-off is over
    }
    const roll = Math.random();
    if (roll < 0.22) {
      const type = Math.random() < 0.55 ? 'ACCESS' : 'EXPORT';
      const answer = await call(`submit ${type}`, 'POST', '/api/v1/requests', person, { type, jurisdiction: pick(JURISDICTIONS) });
      if (answer?.id) submitted.push({ id: answer.id, type });
    } else if (roll < 0.34 && Array.isArray(purposes) && purposes.length) {
      const purpose = pick(purposes);
      await call('consent', 'POST', `/api/v1/consents/${purpose.id}`, person, { noticeVersion: purpose.noticeVersion });
      await sleep(500);
      await call('withdraw consent', 'POST', `/api/v1/consents/${purpose.id}/withdraw`, person, {});
    } else if (roll < 0.42) {
      await call('unknown request', 'GET', `/api/v1/requests/${crypto.randomUUID()}`, person);
    } else if (roll < 0.7 && submitted.length) {
      const request = pick(submitted);
      const state = await call('read request', 'GET', `/api/v1/requests/${request.id}`, person);
      if (state?.status === 'COMPLETED' && request.type === 'ACCESS') {
        await call('read ACCESS data', 'GET', `/api/v1/requests/${request.id}/data`, person);
      } else if (state?.status === 'COMPLETED' && request.type === 'EXPORT') {
        const link = await call('export link', 'POST', `/api/v1/requests/${request.id}/export-link`, person, {});
        if (link?.href) await call('download export', 'GET', new URL(link.href, GATEWAY).pathname, person);
      }
    } else {
      await call('list requests', 'GET', '/api/v1/requests', person);
      await call('consents', 'GET', '/api/v1/consents', person);
    }
    await sleep(2500 + Math.random() * 4000);
  }
}

// Requests without an account (each sends a code by mail), a wrong code, and more calls than the anonymous limit allows.
async function anonymousLoop() {
  let n = 0;
  while (Date.now() < until) {
    const answer = await call('public request', 'POST', '/api/v1/public/requests', null, {
      type: pick(['ACCESS', 'DEREGISTER']),
      email: `${PREFIX}${run}-guest-${n++}@example.com`,
      jurisdiction: pick(JURISDICTIONS),
      locale: 'en',
    });
    if (answer?.id) await call('public wrong code', 'POST', `/api/v1/public/requests/${answer.id}/verify`, null, { code: '000000' });
    await call('deadline', 'GET', `/api/v1/deadlines?jurisdiction=${pick(JURISDICTIONS)}&type=ACCESS`);
    await sleep(3000 + Math.random() * 2000);
  }
}

async function agentLoop(person) {
  while (Date.now() < until) {
    await call('agent queue', 'GET', '/api/v1/agent/requests?limit=50', person);
    await sleep(8000);
  }
}

async function progress() {
  while (Date.now() < until) {
    await sleep(60_000);
    const total = [...tally.values()].reduce((a, b) => a + b, 0);
    log(`${total} calls so far, ${Math.max(0, Math.round((until - Date.now()) / 1000))} s to go`);
  }
}

// One call through the gateway; counted by name and status. The JSON answer, or null.
async function call(name, method, path, person = null, body = undefined) {
  const headers = { Accept: 'application/json' };
  if (person) headers.Authorization = `Bearer ${await token(person)}`;
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    headers['Idempotency-Key'] = crypto.randomUUID();
  }
  try {
    const response = await fetch(GATEWAY + path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(30_000),
    });
    count(`${name} ${response.status}`);
    const text = await response.text();
    return response.ok && /^[[{]/.test(text) ? JSON.parse(text) : null;
  } catch (error) {
    count(`${name} ${error.name}`);
    return null;
  }
}

async function token(person) {
  if (person.token && person.expires > Date.now() + 30_000) return person.token;
  const form = new URLSearchParams({ grant_type: 'password', client_id: 'rights-dev', username: person.username, password: PASSWORD });
  const response = await fetch(`${KEYCLOAK}/realms/${REALM}/protocol/openid-connect/token`, { method: 'POST', body: form });
  const answer = await response.json();
  if (!answer.access_token) throw new Error(`no token for ${person.username}: HTTP ${response.status}`);
  person.token = answer.access_token;
  person.expires = Date.now() + answer.expires_in * 1000;
  return person.token;
}

async function adminToken() {
  const form = new URLSearchParams({
    grant_type: 'password',
    client_id: 'admin-cli',
    username: env('KC_BOOTSTRAP_ADMIN_USERNAME'),
    password: env('KC_BOOTSTRAP_ADMIN_PASSWORD'),
  });
  const response = await fetch(`${KEYCLOAK}/realms/master/protocol/openid-connect/token`, { method: 'POST', body: form });
  if (!response.ok) throw new Error(`Keycloak's admin login answered HTTP ${response.status}`);
  return { token: (await response.json()).access_token };
}

async function makePerson(adminToken, username, role) {
  const headers = { Authorization: `Bearer ${adminToken}`, 'Content-Type': 'application/json' };
  const created = await fetch(`${KEYCLOAK}/admin/realms/${REALM}/users`, {
    method: 'POST',
    headers,
    body: JSON.stringify({
      username,
      email: `${username}@example.com`,
      firstName: 'Screenshot',
      lastName: `Person ${username.slice(PREFIX.length)}`,
      enabled: true,
      emailVerified: true,
      attributes: { locale: ['en'] },
      credentials: [{ type: 'password', value: PASSWORD, temporary: false }],
    }),
  });
  if (created.status !== 201) throw new Error(`making ${username} answered HTTP ${created.status}: ${await created.text()}`);
  const id = created.headers.get('location').split('/').pop();
  const roleAnswer = await fetch(`${KEYCLOAK}/admin/realms/${REALM}/roles/${role}`, { headers });
  const mapped = await fetch(`${KEYCLOAK}/admin/realms/${REALM}/users/${id}/role-mappings/realm`, {
    method: 'POST',
    headers,
    body: JSON.stringify([await roleAnswer.json()]),
  });
  if (!mapped.ok) throw new Error(`giving ${username} role ${role} answered HTTP ${mapped.status}`);
  return { username, id };
}

// Every person this script made (by the username prefix), this run's or an earlier one's: deregistered ones are gone.
async function deletePeople(adminToken) {
  const headers = { Authorization: `Bearer ${adminToken}` };
  const found = await fetch(`${KEYCLOAK}/admin/realms/${REALM}/users?username=${PREFIX}&max=1000`, { headers });
  const users = (await found.json()).filter((user) => user.username.startsWith(PREFIX));
  for (const user of users) {
    await fetch(`${KEYCLOAK}/admin/realms/${REALM}/users/${user.id}`, { method: 'DELETE', headers });
  }
  if (users.length) log(`deleted ${users.length} people made by this script`);
}

function count(key) {
  tally.set(key, (tally.get(key) ?? 0) + 1);
}

function env(name) {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set (infra/local/dev-secrets.env)`);
  return value;
}

function pick(list) {
  return list[Math.floor(Math.random() * list.length)];
}

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function log(message) {
  console.log(`[traffic ${new Date().toISOString().slice(11, 19)}] ${message}`);
}
