import { parseArgs } from 'node:util';
import { DEMO_USERS } from '../src/local/cognito/local-user-pool.settings';
import { runScript, userPoolTarget } from './support/user-pool-target';

const USAGE = `Usage: npm run -s token -- <username> [--password P] [--id-token]

Signs <username> in (USER_PASSWORD_AUTH) and prints an access token, to send as
"Authorization: Bearer <token>" (playground, curl). The demo users of npm start's local pool
(alice, bob, newcomer, admin) need no --password. --id-token prints the ID token instead
(which the gateway refuses: it takes access tokens only).`;

runScript('token', USAGE, async () => {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { password: { type: 'string', short: 'p' }, 'id-token': { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const username = positionals[0];
  if (!username || positionals.length > 1) {
    console.error(`token: name one user\n\n${USAGE}`);
    return 2;
  }
  const password = values.password ?? DEMO_USERS.find((user) => user.username === username)?.password;
  if (!password) {
    console.error(`token: ${username} is not a demo user: give --password`);
    return 2;
  }
  const target = await userPoolTarget();
  try {
    const tokens = await target.admin.signIn(target.clientId, username, password);
    console.log(values['id-token'] ? tokens.idToken : tokens.accessToken);
    return 0;
  } finally {
    target.close();
  }
});
