// The Balances screen's texts in English, and the low-balance toast.

export const balances = {
  title: 'Balances',
  intro: 'Every account’s balance over time, its warning level, and when it will run out at the recent rate of spending.',
  days: 'Period',
  daysOption: (n: number) => `${n} days`,
  refresh: 'Refresh balances',
  empty: 'No accounts yet. Add one under Accounts.',
  noReading: 'No balance reading yet. Refresh to read it.',
  asOf: (when: string) => `as of ${when}`,
  threshold: 'Warning level',
  noThreshold: 'None',
  setThreshold: 'Set under Accounts',
  spendPerDay: 'Spend per day',
  runsOut: 'Runs out',
  runsOutIn: (days: number) => (days < 1 ? 'within a day' : days < 2 ? 'in about a day' : `in about ${Math.floor(days)} days`),
  notSpending: 'Not spending',
  noForecast: 'Not enough history yet',
  basedOn: (days: number) => (days < 1 ? 'from less than a day of history' : `from ${days} ${days === 1 ? 'day' : 'days'} of history`),
  howWorkedOut: 'How is this worked out?',
  chartLabel: (name: string, n: number, days: number) => `${name}: balance over the last ${days} days, ${n} ${n === 1 ? 'reading' : 'readings'}`,
  chartBalance: 'Balance',
  chartTime: 'Time',
  chartThreshold: 'Warning level',
  noPoints: (days: number) => `No readings in the last ${days} days.`,
  historyFailed: (message: string) => `The history could not be read: ${message}`,
  lowToast: (name: string, available: string, threshold: string) =>
    `Balance low — ${name}: ${available} left, below your warning level of ${threshold}. Top up to keep buying.`
}
