/** Configuration from the environment, checked once so a bad deploy fails loudly at start. */
export interface SkillConfig {
  tableName: string;
  region: string;
  dynamoEndpoint?: string;
  audioBaseUrl: string;
  skillId?: string;
  /** Bucket for personal sankalpa clips (served by the same CDN); without it, no clips. */
  clipBucket?: string;
  pollyVoice: string;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): SkillConfig {
  const audioBaseUrl = (env.AUDIO_BASE_URL ?? '').replace(/\/+$/, '');
  if (!/^https:\/\/[^/\s]+/.test(audioBaseUrl)) {
    throw new Error('AUDIO_BASE_URL must be an https URL (Alexa only streams over https)');
  }
  const tableName = env.TABLE_NAME;
  if (!tableName) throw new Error('TABLE_NAME is required');
  return {
    tableName,
    region: env.AWS_REGION ?? 'us-east-1',
    dynamoEndpoint: env.DYNAMODB_ENDPOINT || undefined,
    audioBaseUrl,
    skillId: env.SKILL_ID || undefined,
    clipBucket: env.CLIP_BUCKET || undefined,
    pollyVoice: env.POLLY_VOICE || 'Ruth',
  };
}
