import type { Priority, SERVICE_TYPES, SlaPolicyInput } from '@rapport/contracts';

/** The six fictional vendors the simulator plays, each with its own story. */
export type VendorBehaviour = 'degrading' | 'recovering' | 'p1-burst' | 'late-deliverables' | 'healthy' | 'noisy';
export type SimTool = 'jira' | 'github' | 'zendesk' | 'servicenow';
export type ServiceType = (typeof SERVICE_TYPES)[number];

export interface VendorScenario {
  /** Slug used in event sources (`sim://<tool>/<slug>`) and random seeds. */
  slug: string;
  vendorName: string;
  contractName: string;
  serviceType: ServiceType;
  behaviour: VendorBehaviour;
  /** Which tool emits which kind of trace. */
  tools: { tickets: SimTool; deliverables: SimTool; feedback: SimTool };
  /** Prefix of ticket keys as the ticket tool would show them (INC-…, SUP-…). */
  ticketPrefix: string;
  sla: SlaPolicyInput;
  /** Average arrivals per simulated day (before bursts and the daily rhythm). */
  rates: { ticketsPerDay: number; deliverablesPerDay: number; surveysPerDay: number };
  priorityMix: Record<Priority, number>;
}

const sla = (rows: Record<Priority, [firstResponseMinutes: number, resolutionMinutes: number]>): SlaPolicyInput => ({
  P1: { firstResponseMinutes: rows.P1[0], resolutionMinutes: rows.P1[1] },
  P2: { firstResponseMinutes: rows.P2[0], resolutionMinutes: rows.P2[1] },
  P3: { firstResponseMinutes: rows.P3[0], resolutionMinutes: rows.P3[1] },
  P4: { firstResponseMinutes: rows.P4[0], resolutionMinutes: rows.P4[1] },
});

const HOUR = 60;
const DAY = 24 * HOUR;

export const VENDOR_SCENARIOS: readonly VendorScenario[] = [
  {
    slug: 'northgate-infra',
    vendorName: 'Northgate Infrastructure Services',
    contractName: 'Northgate - Managed Data Center & Network',
    serviceType: 'infrastructure',
    behaviour: 'degrading',
    tools: { tickets: 'servicenow', deliverables: 'jira', feedback: 'servicenow' },
    ticketPrefix: 'INC',
    sla: sla({ P1: [15, 4 * HOUR], P2: [30, 8 * HOUR], P3: [4 * HOUR, 2 * DAY], P4: [8 * HOUR, 5 * DAY] }),
    rates: { ticketsPerDay: 14, deliverablesPerDay: 0.8, surveysPerDay: 0.4 },
    priorityMix: { P1: 0.05, P2: 0.2, P3: 0.45, P4: 0.3 },
  },
  {
    slug: 'helix-service-desk',
    vendorName: 'Helix Service Desk',
    contractName: 'Helix - End-User Support 24x7',
    serviceType: 'it_support',
    behaviour: 'recovering',
    tools: { tickets: 'zendesk', deliverables: 'jira', feedback: 'zendesk' },
    ticketPrefix: 'SUP',
    sla: sla({ P1: [15, 2 * HOUR], P2: [HOUR, 8 * HOUR], P3: [4 * HOUR, DAY], P4: [8 * HOUR, 3 * DAY] }),
    rates: { ticketsPerDay: 26, deliverablesPerDay: 0.5, surveysPerDay: 0.5 },
    priorityMix: { P1: 0.03, P2: 0.17, P3: 0.5, P4: 0.3 },
  },
  {
    slug: 'sentinel-cyber',
    vendorName: 'Sentinel Cyber Defense',
    contractName: 'Sentinel - Managed SOC & Incident Response',
    serviceType: 'cybersecurity',
    behaviour: 'p1-burst',
    tools: { tickets: 'servicenow', deliverables: 'jira', feedback: 'servicenow' },
    ticketPrefix: 'SIR',
    sla: sla({ P1: [15, 4 * HOUR], P2: [HOUR, 12 * HOUR], P3: [4 * HOUR, 2 * DAY], P4: [DAY, 7 * DAY] }),
    rates: { ticketsPerDay: 8, deliverablesPerDay: 0.6, surveysPerDay: 0.3 },
    priorityMix: { P1: 0.04, P2: 0.2, P3: 0.46, P4: 0.3 },
  },
  {
    slug: 'bluepeak-labs',
    vendorName: 'Bluepeak Software Labs',
    contractName: 'Bluepeak - Claims Platform Development',
    serviceType: 'software_development',
    behaviour: 'late-deliverables',
    tools: { tickets: 'jira', deliverables: 'github', feedback: 'jira' },
    ticketPrefix: 'CLM',
    sla: sla({ P1: [30, 8 * HOUR], P2: [2 * HOUR, DAY], P3: [8 * HOUR, 3 * DAY], P4: [DAY, 7 * DAY] }),
    rates: { ticketsPerDay: 8, deliverablesPerDay: 1.5, surveysPerDay: 0.3 },
    priorityMix: { P1: 0.03, P2: 0.17, P3: 0.5, P4: 0.3 },
  },
  {
    slug: 'stratus-cloud',
    vendorName: 'Stratus Cloud Operations',
    contractName: 'Stratus - Cloud Platform Operations',
    serviceType: 'cloud',
    behaviour: 'healthy',
    tools: { tickets: 'jira', deliverables: 'github', feedback: 'zendesk' },
    ticketPrefix: 'OPS',
    sla: sla({ P1: [15, 3 * HOUR], P2: [HOUR, 8 * HOUR], P3: [4 * HOUR, DAY], P4: [12 * HOUR, 3 * DAY] }),
    rates: { ticketsPerDay: 12, deliverablesPerDay: 0.8, surveysPerDay: 0.4 },
    priorityMix: { P1: 0.04, P2: 0.2, P3: 0.46, P4: 0.3 },
  },
  {
    slug: 'meridian-it',
    vendorName: 'Meridian IT Partners',
    contractName: 'Meridian - Field & Workplace Services',
    serviceType: 'it_support',
    behaviour: 'noisy',
    tools: { tickets: 'servicenow', deliverables: 'jira', feedback: 'zendesk' },
    ticketPrefix: 'WPS',
    sla: sla({ P1: [30, 4 * HOUR], P2: [HOUR, 12 * HOUR], P3: [4 * HOUR, 2 * DAY], P4: [DAY, 5 * DAY] }),
    rates: { ticketsPerDay: 18, deliverablesPerDay: 0.7, surveysPerDay: 0.5 },
    priorityMix: { P1: 0.04, P2: 0.18, P3: 0.48, P4: 0.3 },
  },
];

export function scenarioByBehaviour(behaviour: VendorBehaviour): VendorScenario {
  const found = VENDOR_SCENARIOS.find((v) => v.behaviour === behaviour);
  if (!found) throw new Error(`no vendor scenario with behaviour ${behaviour}`);
  return found;
}

/** Ticket titles by service type, as a service desk would show them. */
export const TICKET_TITLES: Record<ServiceType, readonly string[]> = {
  infrastructure: [
    'Core switch in DC2 dropping packets',
    'Backup job failed on file server cluster',
    'Disk usage above 90% on SAN volume',
    'VPN tunnel to branch office flapping',
    'Firmware update request for blade chassis',
    'UPS alarm in server room B',
  ],
  it_support: [
    'Laptop will not boot after update',
    'Cannot access shared mailbox',
    'New joiner account and hardware setup',
    'Printer on floor 3 offline',
    'Password reset locked out user',
    'Teams calls drop every few minutes',
  ],
  cybersecurity: [
    'Suspicious login from unusual country',
    'Phishing e-mail reported by finance team',
    'EDR alert: possible ransomware behaviour',
    'Critical CVE on internet-facing host',
    'Firewall rule review request',
    'Impossible travel alert for admin account',
  ],
  software_development: [
    'Claim submission returns HTTP 500',
    'Policy search is slow for large accounts',
    'PDF export cuts off last page',
    'Date picker wrong in Safari',
    'Batch import skips rows with accents',
    'Dashboard totals differ from report',
  ],
  cloud: [
    'Kubernetes node pool autoscaling stuck',
    'RDS storage nearing limit',
    'Cost anomaly on data transfer',
    'TLS certificate expiring on API gateway',
    'Terraform drift on production VPC',
    'Lambda timeouts after deploy',
  ],
};

/** Deliverable titles by service type. */
export const DELIVERABLE_TITLES: Record<ServiceType, readonly string[]> = {
  infrastructure: ['Quarterly capacity report', 'DR failover test report', 'Network segmentation design', 'Patch compliance report'],
  it_support: ['Monthly service review pack', 'Knowledge base refresh', 'Onboarding runbook update', 'Asset inventory reconciliation'],
  cybersecurity: ['Penetration test report', 'Threat hunting summary', 'SIEM use-case tuning', 'Incident post-mortem'],
  software_development: ['Sprint release build', 'Claims API v2 endpoint', 'Accessibility fixes release', 'Performance test report'],
  cloud: ['Landing zone hardening', 'FinOps savings report', 'Backup policy rollout', 'Cluster upgrade runbook'],
};

export const REJECTION_REASONS: readonly string[] = [
  'Does not meet the acceptance criteria',
  'Missing test evidence',
  'Incomplete documentation',
  'Defects found during review',
  'Scope differs from the statement of work',
];

export const FEEDBACK_COMMENTS: Record<'good' | 'bad', readonly string[]> = {
  good: ['Quick and professional', 'Great communication', 'Solved on first contact', 'Very helpful engineer'],
  bad: ['Took far too long', 'Had to chase for updates', 'Issue came back the next day', 'Nobody owned the problem'],
};
