/** The workspace file a command uses: the argument, else $COSELL_CONFIG, else ./cosell.yaml. */
export function workspaceFile(given: string | undefined): string {
  return given ?? process.env.COSELL_CONFIG ?? 'cosell.yaml';
}

export const WORKSPACE_OPTION_HELP = 'workspace file (default: $COSELL_CONFIG or ./cosell.yaml)';
