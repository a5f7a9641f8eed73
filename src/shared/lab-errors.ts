/**
 * Failure types of the lab activities (besides the common ones of ./errors.ts). Workflow-safe: no imports.
 */
export const LabErrorType = {
  /** Thrown when the master API (tenant creation, lookup, deletion) answers something unexpected. */
  TenantApiFailed: 'TenantApiFailed',
  /** Thrown when the master API refuses MASTER_ACCESS_TOKEN (401/403): a retry cannot help. */
  MasterUnauthorized: 'MasterUnauthorized',
} as const;
export type LabErrorType = (typeof LabErrorType)[keyof typeof LabErrorType];
