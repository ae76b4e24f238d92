import { parseArgs } from 'node:util';
import type { Doctor } from '../doctor.js';
import { describeTenant } from './lookup.js';

const USAGE = `Usage: mailhandler-doctor tenant DOMAIN-OR-ID [--json]
  Asks Microsoft's public metadata which cloud the tenant is in (worldwide, GCC, GCC High, DoD, China)
  and what that means for the JSM mail handler. DOMAIN-OR-ID is a domain (contoso.com), a mailbox
  address (helpdesk@contoso.com) or a tenant ID (GUID). TENANT_LOOKUP=off disables the request.
Exit codes: 0 answered; 1 no answer (unknown tenant, network, switched off); 2 usage error or invalid input.`;

/** `mailhandler-doctor tenant DOMAIN-OR-ID`: exit 0 answered, 1 no answer, 2 usage or invalid input. */
export async function runTenantCommand(args: string[], doctor: Doctor): Promise<number> {
  let values: { json?: boolean; help?: boolean };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    }));
  } catch (err) {
    process.stderr.write(`mailhandler-doctor tenant: ${(err as Error).message}\n\n${USAGE}\n`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (positionals.length !== 1) {
    const problem = positionals.length === 0 ? 'give one domain or tenant ID' : 'give only one domain or tenant ID';
    process.stderr.write(`mailhandler-doctor tenant: ${problem}\n\n${USAGE}\n`);
    return 2;
  }
  const result = await doctor.tenant(positionals[0] ?? '');
  if (values.json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  if (result.ok) {
    if (!values.json) process.stdout.write(`${describeTenant(result)}\n`);
    return 0;
  }
  process.stderr.write(`mailhandler-doctor tenant: ${result.message}\n`);
  return result.reason === 'invalid-input' ? 2 : 1;
}
