/**
 * What a CRM said when it refused something. Connector errors carry these fields; the dead-letter queue
 * keeps them so an admin sees the CRM's own code (e.g. FIELD_CUSTOM_VALIDATION_EXCEPTION) next to the job.
 */
export interface CrmErrorDetails {
  crmCode?: string;
  httpStatus?: number;
}

/** Reads CRM details from an error or the first error in its `cause` chain that has them. */
export function crmErrorDetails(error: unknown): CrmErrorDetails {
  for (let current: unknown = error, depth = 0; current instanceof Error && depth < 10; depth++) {
    const { crmCode, httpStatus } = current as Error & Partial<Record<keyof CrmErrorDetails, unknown>>;
    if (typeof crmCode === 'string' || typeof httpStatus === 'number') {
      return {
        ...(typeof crmCode === 'string' ? { crmCode } : {}),
        ...(typeof httpStatus === 'number' ? { httpStatus } : {}),
      };
    }
    current = current.cause;
  }
  return {};
}
