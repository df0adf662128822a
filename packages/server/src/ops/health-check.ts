/** A dependency the process cannot serve without (Redis, when configured). */
export interface HealthCheck {
  name: string;
  check(): Promise<boolean>;
}
