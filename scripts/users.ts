import { parseArgs } from 'node:util';
import { runScript, userPoolTarget } from './support/user-pool-target';

const USAGE = `Usage: npm run users -- <command>

  create <username> --password P [--attribute name=value ...] [--group G ...]
      a confirmed user with a permanent password (attributes e.g. custom:interests=Horror|Comedy, locale=de)
  list
      every user with their sub, status, groups and attributes
  add-to-group <username> <group>
      e.g. add-to-group carol admin

Works on the configured user pool (COGNITO_USER_POOL_ID, COGNITO_CLIENT_ID) or, without one,
on the local pool of a running npm start.`;

runScript('users', USAGE, async () => {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { password: { type: 'string', short: 'p' }, attribute: { type: 'string', multiple: true }, group: { type: 'string', multiple: true }, help: { type: 'boolean', short: 'h' } },
  });
  const [command, ...rest] = positionals;
  if (values.help || !command) {
    console.log(USAGE);
    return values.help ? 0 : 2;
  }
  const target = await userPoolTarget();
  try {
    switch (command) {
      case 'create': {
        const [username] = rest;
        if (!username || rest.length > 1 || !values.password) throw usage('create takes one <username> and --password');
        const attributes = Object.fromEntries(
          (values.attribute ?? []).map((pair) => {
            const at = pair.indexOf('=');
            if (at < 1) throw usage(`--attribute "${pair}" is not name=value`);
            return [pair.slice(0, at), pair.slice(at + 1)];
          }),
        );
        if (!(await target.admin.createUser(target.userPoolId, { username, password: values.password, attributes }))) {
          console.error(`users: ${username} already exists in ${target.description}`);
          return 1;
        }
        for (const group of values.group ?? []) await target.admin.addToGroup(target.userPoolId, username, group);
        console.log(`users: created ${username} in ${target.description}${values.group?.length ? ` (groups ${values.group.join(', ')})` : ''}`);
        return 0;
      }
      case 'list': {
        const users = await target.admin.listUsers(target.userPoolId);
        console.log(`users: ${users.length} in ${target.description}`);
        for (const user of users) {
          const attributes = Object.entries(user.attributes).filter(([name]) => name !== 'sub');
          console.log(`  ${user.username.padEnd(16)} sub ${user.sub.padEnd(38)} ${user.status.padEnd(10)} groups [${user.groups.join(', ')}] ${attributes.map(([name, value]) => `${name}=${value}`).join(' ')}`);
        }
        return 0;
      }
      case 'add-to-group': {
        const [username, group] = rest;
        if (!username || !group || rest.length > 2) throw usage('add-to-group takes <username> <group>');
        await target.admin.addToGroup(target.userPoolId, username, group);
        console.log(`users: ${username} is now in ${group}`);
        return 0;
      }
      default:
        throw usage(`unknown command "${command}"`);
    }
  } finally {
    target.close();
  }
});

function usage(message: string): Error {
  return Object.assign(new Error(message), { code: 'ERR_PARSE_ARGS_USAGE' });
}
