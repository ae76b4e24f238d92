// Placeholder until the tenant look-up lands (issue 7).
export async function runTenantCommand(_args: string[]): Promise<number> {
  process.stderr.write('mailhandler-doctor: the tenant look-up is not available in this version yet\n');
  return 2;
}
