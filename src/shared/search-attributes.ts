import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

// Workflow-safe: only @temporalio/common. Not named `Status` on purpose: a custom attribute of that name
// collides with the Web UI's own status column (temporalio/ui#2577).

/** Install state: running, paused, installed, failed, aborted, cancelled. */
export const INSTALL_STATE = defineSearchAttributeKey('AmpInstallState', SearchAttributeType.KEYWORD);
/** Name of the step that runs (or failed) right now. */
export const INSTALL_STEP = defineSearchAttributeKey('AmpInstallStep', SearchAttributeType.KEYWORD);
/** OpenShift project (namespace) the install targets. */
export const INSTALL_PROJECT = defineSearchAttributeKey('AmpProject', SearchAttributeType.KEYWORD);
/** Platform plugin name: minishift, crc, existing. */
export const INSTALL_PLATFORM = defineSearchAttributeKey('AmpPlatform', SearchAttributeType.KEYWORD);
/** Readiness progress: DeploymentConfigs available. */
export const INSTALL_READY = defineSearchAttributeKey('AmpReadyDCs', SearchAttributeType.INT);
/** Lab name, on lab workflows and on the installs a lab starts. */
export const LAB_NAME = defineSearchAttributeKey('AmpLab', SearchAttributeType.KEYWORD);

/** Every custom search attribute with the type name `temporal server start-dev --search-attribute` takes. */
export const SEARCH_ATTRIBUTES = [
  { key: INSTALL_STATE, cliType: 'Keyword' },
  { key: INSTALL_STEP, cliType: 'Keyword' },
  { key: INSTALL_PROJECT, cliType: 'Keyword' },
  { key: INSTALL_PLATFORM, cliType: 'Keyword' },
  { key: INSTALL_READY, cliType: 'Int' },
  { key: LAB_NAME, cliType: 'Keyword' },
] as const;

/** `--search-attribute Name=Type` arguments for the dev server. */
export function searchAttributeArgs(): string[] {
  return SEARCH_ATTRIBUTES.flatMap(({ key, cliType }) => ['--search-attribute', `${key.name}=${cliType}`]);
}
