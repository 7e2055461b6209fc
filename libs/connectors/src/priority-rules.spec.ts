import { priorityFromLabels, priorityFromLevel, priorityFromName } from './priority-rules';

describe('priority rules', () => {
  it.each([
    [['P1'], 'P1'],
    [['p2'], 'P2'],
    [['P0'], 'P1'],
    [['priority:high'], 'P2'],
    [['Priority: Critical'], 'P1'],
    [['priority/3'], 'P3'],
    [['prio-low'], 'P4'],
    [['sev1'], 'P1'],
    [['severity: 2'], 'P2'],
    [['critical'], 'P1'],
    [['urgent', 'P3'], 'P1'],
    [['bug', 'P4', 'priority:high'], 'P2'],
  ])('labels %j → %s', (labels, expected) => {
    expect(priorityFromLabels(labels)).toBe(expected);
  });

  it.each([[[]], [['bug']], [['low']], [['high']], [['enhancement', 'help wanted']], [['p9x']]])('labels %j say nothing', (labels) => {
    expect(priorityFromLabels(labels)).toBeNull();
  });

  it.each([
    ['Highest', 'P1'],
    ['Blocker', 'P1'],
    ['URGENT', 'P1'],
    ['High', 'P2'],
    ['Medium', 'P3'],
    ['NORMAL', 'P3'],
    ['Low', 'P4'],
    ['Lowest', 'P4'],
    ['Trivial', 'P4'],
  ])('name %s → %s', (name, expected) => {
    expect(priorityFromName(name)).toBe(expected);
  });

  it('does not guess unknown names', () => {
    expect(priorityFromName('Whenever')).toBeNull();
    expect(priorityFromName(null)).toBeNull();
  });

  it.each([
    [1, 'P1'],
    [2, 'P2'],
    [3, 'P3'],
    [4, 'P4'],
    [5, 'P4'],
  ])('level %d → %s', (level, expected) => {
    expect(priorityFromLevel(level)).toBe(expected);
  });

  it.each([0, -1, 1.5, NaN])('level %d is not a priority', (level) => {
    expect(priorityFromLevel(level)).toBeNull();
  });
});
