/**
 * The operator's side of the packaged stack (ops/monitoring.yml through serverless.yml): the
 * alarms, where they go, and the dashboard, as CloudFormation will create them.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packageService } from '../../tools/deploy/serverless';

type Json = Record<string, any>;

async function packagedTemplate(extraArgs: string[] = []): Promise<Json> {
  const serviceDir = mkdtempSync(join(tmpdir(), 'spine-nidra-monitoring-'));
  const env: NodeJS.ProcessEnv = { ...process.env, AWS_CONFIG_FILE: join(serviceDir, 'none'), AWS_SHARED_CREDENTIALS_FILE: join(serviceDir, 'none') };
  for (const name of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_PROFILE']) delete env[name];
  const { outDir } = await packageService({ serviceDir, audioDir: join(serviceDir, 'no-audio'), env, extraArgs });
  return JSON.parse(readFileSync(join(outDir, 'cloudformation-template-update-stack.json'), 'utf8')) as Json;
}

describe('monitoring in the packaged stack', () => {
  let template: Json;
  let resources: Json;
  const alarm = (name: string) => resources[name].Properties as Json;
  const skillFunction = [{ Name: 'FunctionName', Value: { Ref: 'SkillLambdaFunction' } }];
  const table = { Name: 'TableName', Value: { Ref: 'ListenersTable' } };

  beforeAll(async () => {
    template = await packagedTemplate(['--param=alarmEmail=ops@example.com']);
    resources = template.Resources as Json;
  });

  it('alarms on Lambda errors and throttles of the skill function', () => {
    expect(alarm('SkillErrorsAlarm')).toMatchObject({
      Namespace: 'AWS/Lambda',
      MetricName: 'Errors',
      Dimensions: skillFunction,
      Statistic: 'Sum',
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
    });
    expect(alarm('SkillThrottlesAlarm')).toMatchObject({ Namespace: 'AWS/Lambda', MetricName: 'Throttles', Dimensions: skillFunction, Threshold: 1 });
  });

  it('alarms when the p99 duration is over 2 s', () => {
    expect(alarm('SkillSlowAlarm')).toMatchObject({
      Namespace: 'AWS/Lambda',
      MetricName: 'Duration',
      Dimensions: skillFunction,
      ExtendedStatistic: 'p99',
      Threshold: 2000,
      ComparisonOperator: 'GreaterThanThreshold',
    });
  });

  it('alarms on DynamoDB throttles (reads and writes) and system errors (every operation the skill uses)', () => {
    const metricsOf = (name: string) => (alarm(name).Metrics as Json[]).filter((m) => m.MetricStat).map((m) => m.MetricStat.Metric);
    expect(metricsOf('TableThrottlesAlarm')).toEqual([
      { Namespace: 'AWS/DynamoDB', MetricName: 'ReadThrottleEvents', Dimensions: [table] },
      { Namespace: 'AWS/DynamoDB', MetricName: 'WriteThrottleEvents', Dimensions: [table] },
    ]);
    expect(metricsOf('TableSystemErrorsAlarm').map((m) => [m.MetricName, m.Dimensions[0], m.Dimensions[1].Value])).toEqual(
      ['GetItem', 'UpdateItem', 'PutItem'].map((operation) => ['SystemErrors', table, operation]),
    );
    for (const name of ['TableThrottlesAlarm', 'TableSystemErrorsAlarm']) {
      expect((alarm(name).Metrics as Json[]).filter((m) => m.ReturnData)).toHaveLength(1);
    }
  });

  it('alarms on the CloudFront 5xx rate of the audio distribution, where CloudFront publishes it', () => {
    expect(resources.AudioErrorRateAlarm.Condition).toBe('InUsEast1');
    expect(alarm('AudioErrorRateAlarm')).toMatchObject({
      Namespace: 'AWS/CloudFront',
      MetricName: '5xxErrorRate',
      Dimensions: [
        { Name: 'DistributionId', Value: { Ref: 'AudioDistribution' } },
        { Name: 'Region', Value: 'Global' },
      ],
      Threshold: 1,
    });
  });

  it('sends every alarm, and its recovery, to one SNS topic; missing data is no alarm', () => {
    const alarms = Object.entries(resources).filter(([, r]) => (r as Json).Type === 'AWS::CloudWatch::Alarm');
    expect(alarms.map(([name]) => name).sort()).toEqual([
      'AudioErrorRateAlarm',
      'SkillErrorsAlarm',
      'SkillSlowAlarm',
      'SkillThrottlesAlarm',
      'TableSystemErrorsAlarm',
      'TableThrottlesAlarm',
    ]);
    for (const [, resource] of alarms) {
      expect((resource as Json).Properties).toMatchObject({
        AlarmActions: [{ Ref: 'AlarmTopic' }],
        OKActions: [{ Ref: 'AlarmTopic' }],
        TreatMissingData: 'notBreaching',
      });
    }
    expect(resources.AlarmTopic.Type).toBe('AWS::SNS::Topic');
    expect(template.Outputs.AlarmTopicArn.Value).toEqual({ Ref: 'AlarmTopic' });
  });

  it('subscribes the optional email parameter, and only when one is given', async () => {
    expect(template.Parameters.AlarmEmail.Default).toBe('ops@example.com');
    expect(resources.AlarmEmailSubscription).toMatchObject({
      Condition: 'HasAlarmEmail',
      Properties: { TopicArn: { Ref: 'AlarmTopic' }, Protocol: 'email', Endpoint: { Ref: 'AlarmEmail' } },
    });
    expect(template.Conditions.HasAlarmEmail).toEqual({ 'Fn::Not': [{ 'Fn::Equals': [{ Ref: 'AlarmEmail' }, ''] }] });
    const without = await packagedTemplate();
    expect(without.Parameters.AlarmEmail.Default).toBe('');
  });

  it('draws a dashboard of the skill, the table, the audio, the practice funnel and the alarms', () => {
    const body = resources.Dashboard.Properties.DashboardBody['Fn::Sub'] as string;
    // Fn::Sub placeholders are names of this template's resources (or AWS pseudo parameters).
    const placeholders = [...body.matchAll(/\$\{([^}]+)\}/g)].map((m) => m[1].replace(/\.Arn$/, ''));
    for (const name of placeholders) expect(name.startsWith('AWS::') || name in resources).toBe(true);
    const dashboard = JSON.parse(body.replace(/\$\{[^}]+\}/g, 'X')) as { widgets: Json[] };
    const namespaces = JSON.stringify(dashboard.widgets.map((widget) => widget.properties.metrics ?? []));
    for (const namespace of ['AWS/Lambda', 'AWS/DynamoDB', 'AWS/CloudFront', 'SpineNidra']) expect(namespaces).toContain(namespace);
    expect(namespaces).toContain('StoppedIn');
    expect(namespaces).toContain('SleepSoundsMinutes');
    const alarmWidget = dashboard.widgets.find((widget) => widget.type === 'alarm');
    expect(alarmWidget?.properties.alarms).toHaveLength(5);
  });
});
