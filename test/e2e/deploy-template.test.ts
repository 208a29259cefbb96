/**
 * `npm run package` for real (esbuild bundle + `serverless package`, in a scratch copy of the
 * service, with no AWS credentials anywhere), then the CloudFormation template it wrote, resource
 * by resource and IAM statement by statement.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { packageService, type PackageResult } from '../../tools/deploy/serverless';

type Json = Record<string, any>;
const SKILL_ID = 'amzn1.ask.skill.12345678-1234-4321-8765-1234567890ab';

/** Entry names and contents of a zip, from its central directory (no zip library needed). */
function unzip(file: string): Map<string, Buffer> {
  const zip = readFileSync(file);
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const entries = new Map<string, Buffer>();
  let at = zip.readUInt32LE(end + 16);
  for (let i = 0; i < zip.readUInt16LE(end + 10); i += 1) {
    const [method, size, nameLength, extra, comment, local] = [10, 20, 28, 30, 32, 42].map((o, k) =>
      k === 1 || k === 5 ? zip.readUInt32LE(at + o) : zip.readUInt16LE(at + o),
    );
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    const dataAt = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const data = zip.subarray(dataAt, dataAt + size);
    entries.set(name, method === 8 ? inflateRawSync(data) : data);
    at += 46 + nameLength + extra + comment;
  }
  return entries;
}

describe('npm run package', () => {
  let result: PackageResult;
  let template: Json;
  let resources: Json;
  beforeAll(async () => {
    const serviceDir = mkdtempSync(join(tmpdir(), 'spine-nidra-package-'));
    // No credentials, no config files, no rendered audio: packaging must need none of them.
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      AWS_CONFIG_FILE: join(serviceDir, 'none'),
      AWS_SHARED_CREDENTIALS_FILE: join(serviceDir, 'none'),
    };
    for (const name of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_PROFILE']) delete env[name];
    result = await packageService({ serviceDir, audioDir: join(serviceDir, 'no-audio'), env, extraArgs: [`--param=skillId=${SKILL_ID}`] });
    template = JSON.parse(readFileSync(join(result.outDir, 'cloudformation-template-update-stack.json'), 'utf8')) as Json;
    resources = template.Resources as Json;
  });

  it('ships the esbuild bundle alone, and says it came from an estimated manifest', () => {
    expect(result.build.manifest).toBe('estimated');
    const zip = unzip(join(result.outDir, 'spine-nidra.zip'));
    expect([...zip.keys()]).toEqual(['dist/lambda/index.js']);
    expect(zip.get('dist/lambda/index.js')?.length).toBe(result.build.bytes);
    expect(result.build.bytes).toBeLessThanOrEqual(400 * 1024);
  });

  it("runs the bundle on nodejs24.x arm64 with a timeout under Alexa's 8 s and its settings from the stack", () => {
    const fn = resources.SkillLambdaFunction.Properties as Json;
    expect(fn).toMatchObject({ Handler: 'dist/lambda/index.handler', Runtime: 'nodejs24.x', Architectures: ['arm64'], MemorySize: 1024 });
    expect(fn.Timeout).toBeLessThan(8);
    // A reference, with no DependsOn repeating it (cfn-lint W3005).
    expect(fn.Role).toEqual({ 'Fn::Sub': '${SkillRole.Arn}' });
    expect(resources.SkillLambdaFunction.DependsOn).not.toContain('SkillRole');
    expect(fn.Environment.Variables).toEqual({
      TABLE_NAME: { Ref: 'ListenersTable' },
      AUDIO_BASE_URL: { 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': ['AudioDistribution', 'DomainName'] }]] },
      SKILL_ID: SKILL_ID,
      CLIP_BUCKET: { Ref: 'AudioBucket' },
      POLLY_VOICE: 'Ruth',
    });
    expect(resources.SkillLogGroup.Properties.RetentionInDays).toBe(30);
  });

  it('lets only the skill id passed as a parameter invoke the function', () => {
    const permissions = Object.values(resources).filter((r: Json) => r.Type === 'AWS::Lambda::Permission') as Json[];
    expect(permissions).toHaveLength(1);
    expect(permissions[0].Properties).toEqual({
      FunctionName: { 'Fn::GetAtt': ['SkillLambdaFunction', 'Arn'] },
      Action: 'lambda:InvokeFunction',
      Principal: 'alexa-appkit.amazon.com',
      EventSourceToken: SKILL_ID,
    });
  });

  it('keeps listeners in an on-demand, encrypted, recoverable, undeletable table keyed by pk, whose erasure markers expire', () => {
    const table = resources.ListenersTable as Json;
    expect(table.DeletionPolicy).toBe('Retain');
    expect(table.Properties).toEqual({
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      DeletionProtectionEnabled: true,
      SSESpecification: { SSEEnabled: true, SSEType: 'KMS' },
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
    });
  });

  it('keeps audio in a private bucket that only this distribution reads, through origin access control', () => {
    const bucket = resources.AudioBucket.Properties as Json;
    expect(bucket.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    expect(bucket.OwnershipControls.Rules).toEqual([{ ObjectOwnership: 'BucketOwnerEnforced' }]);
    const [read, deny] = resources.AudioBucketPolicy.Properties.PolicyDocument.Statement as Json[];
    expect(read).toMatchObject({ Effect: 'Allow', Principal: { Service: 'cloudfront.amazonaws.com' }, Action: 's3:GetObject' });
    expect(JSON.stringify(read.Condition.StringEquals['AWS:SourceArn'])).toContain('{"Ref":"AudioDistribution"}');
    expect(deny).toMatchObject({ Effect: 'Deny', Principal: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } });
    expect(resources.AudioOriginAccessControl.Properties.OriginAccessControlConfig).toMatchObject({
      OriginAccessControlOriginType: 's3',
      SigningBehavior: 'always',
      SigningProtocol: 'sigv4',
    });
    const config = resources.AudioDistribution.Properties.DistributionConfig as Json;
    expect(config.Origins).toEqual([
      {
        Id: 'audio-bucket',
        DomainName: { 'Fn::GetAtt': ['AudioBucket', 'RegionalDomainName'] },
        OriginAccessControlId: { 'Fn::GetAtt': ['AudioOriginAccessControl', 'Id'] },
        S3OriginConfig: { OriginAccessIdentity: '' },
      },
    ]);
  });

  it('caches content-hashed practice files for a year, personal clips under clips/ for a day, https only', () => {
    const config = resources.AudioDistribution.Properties.DistributionConfig as Json;
    const ttl = (policy: string) => {
      const { MinTTL, DefaultTTL, MaxTTL } = resources[policy].Properties.CachePolicyConfig as Json;
      return { MinTTL, DefaultTTL, MaxTTL };
    };
    expect(config.DefaultCacheBehavior).toMatchObject({
      ViewerProtocolPolicy: 'https-only',
      AllowedMethods: ['GET', 'HEAD'],
      CachePolicyId: { Ref: 'ImmutableAudioCachePolicy' },
    });
    expect(ttl('ImmutableAudioCachePolicy')).toEqual({ MinTTL: 31536000, DefaultTTL: 31536000, MaxTTL: 31536000 });
    expect(config.CacheBehaviors).toEqual([
      expect.objectContaining({ PathPattern: 'clips/*', ViewerProtocolPolicy: 'https-only', CachePolicyId: { Ref: 'PersonalClipCachePolicy' } }),
      // Legal pages: not content-hashed, so not the year-long immutable policy.
      expect.objectContaining({ PathPattern: 'legal/*', ViewerProtocolPolicy: 'https-only', CachePolicyId: { Ref: 'PersonalClipCachePolicy' } }),
    ]);
    expect(ttl('PersonalClipCachePolicy')).toEqual({ MinTTL: 0, DefaultTTL: 86400, MaxTTL: 86400 });
  });

  describe('IAM: only what the code does, on exactly these resources', () => {
    const statements = () => resources.SkillRole.Properties.Policies.flatMap((policy: Json) => policy.PolicyDocument.Statement) as Json[];
    const statement = (sid: string) => statements().find((s) => s.Sid === sid) as Json;

    it('uses its own role (not the framework default), assumable by Lambda alone', () => {
      expect(resources.IamRoleLambdaExecution).toBeUndefined();
      expect(resources.SkillRole.Properties.AssumeRolePolicyDocument.Statement).toEqual([
        { Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' },
      ]);
      expect(resources.SkillRole.Properties.ManagedPolicyArns).toBeUndefined();
      expect(statements().map((s) => s.Sid)).toEqual(['WriteOwnLogs', 'ListenerItems', 'SpeakPersonalClips', 'StorePersonalClips']);
      expect(statements().every((s) => s.Effect === 'Allow' && !JSON.stringify(s.Action).includes('*'))).toBe(true);
    });

    it('writes only to its own log group', () => {
      expect(statement('WriteOwnLogs')).toEqual({
        Sid: 'WriteOwnLogs',
        Effect: 'Allow',
        Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        Resource: { 'Fn::GetAtt': ['SkillLogGroup', 'Arn'] },
      });
    });

    it('reads and updates items of the listeners table, nothing else', () => {
      expect(statement('ListenerItems')).toEqual({
        Sid: 'ListenerItems',
        Effect: 'Allow',
        Action: ['dynamodb:GetItem', 'dynamodb:UpdateItem', 'dynamodb:PutItem'],
        Resource: { 'Fn::GetAtt': ['ListenersTable', 'Arn'] },
      });
    });

    it('synthesizes speech with Polly (which has no resource to scope to) in its own region only', () => {
      expect(statement('SpeakPersonalClips')).toEqual({
        Sid: 'SpeakPersonalClips',
        Effect: 'Allow',
        Action: ['polly:SynthesizeSpeech'],
        Resource: '*',
        Condition: { StringEquals: { 'aws:RequestedRegion': { Ref: 'AWS::Region' } } },
      });
    });

    it('puts objects under clips/ of the audio bucket only', () => {
      expect(statement('StorePersonalClips')).toEqual({
        Sid: 'StorePersonalClips',
        Effect: 'Allow',
        Action: ['s3:PutObject'],
        Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': ['AudioBucket', 'Arn'] }, '/clips/*']] },
      });
    });
  });

  it('outputs the audio base URL, the function ARN, the bucket and the skill id', () => {
    expect(template.Outputs).toMatchObject({
      AudioBaseUrl: { Value: { 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': ['AudioDistribution', 'DomainName'] }]] } },
      SkillFunctionArn: { Value: { 'Fn::GetAtt': ['SkillLambdaFunction', 'Arn'] } },
      AudioBucketName: { Value: { Ref: 'AudioBucket' } },
      SkillId: { Value: SKILL_ID },
    });
  });
});
