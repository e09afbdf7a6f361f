/** An error shaped like the connectors' CRM errors: a CRM code and HTTP status the dead-letter queue keeps. */
export class FakeCrmRefusal extends Error {
  override readonly name = 'CrmRecordRejected';
  readonly crmCode: string;
  readonly httpStatus: number;

  constructor(message: string, crmCode: string, httpStatus: number) {
    super(message);
    this.crmCode = crmCode;
    this.httpStatus = httpStatus;
  }
}
