// The Echo's AudioPlayer, played through a real <audio> element. It follows the skill's
// directives the way a device does (REPLACE_ALL, ENQUEUE, REPLACE_ENQUEUED, Stop, ClearQueue),
// reports what happened with real offsets (PlaybackStarted, NearlyFinished, Finished, Stopped,
// Failed), and flags what a real device would refuse instead of quietly playing it.

export class AudioDevice {
  /**
   * @param {object} options
   * @param {HTMLAudioElement} options.audio
   * @param {string} options.audioBaseUrl  https prefix the skill streams from; mapped onto /audio/
   * @param {number} options.nearlyFinishedMs  send NearlyFinished this long before an item ends
   * @param {(type: string, fields: object) => void} options.report  sends an AudioPlayer event
   * @param {(message: string) => void} options.flag  something a real device would reject
   * @param {() => void} options.onChange
   */
  constructor({ audio, audioBaseUrl, nearlyFinishedMs, report, flag, onChange }) {
    this.audio = audio;
    this.audioBaseUrl = audioBaseUrl;
    this.nearlyFinishedMs = nearlyFinishedMs;
    this.report = report;
    this.flag = flag;
    this.onChange = onChange;
    /** The item playing or last played: { token, url, startMs, started, nearlySent, stopped }. */
    this.current = null;
    this.queue = [];
    this.activity = 'IDLE';
    this.blockedByAutoplay = false;
    audio.addEventListener('playing', () => this.onPlaying());
    audio.addEventListener('timeupdate', () => this.onTimeUpdate());
    audio.addEventListener('ended', () => this.onEnded());
    audio.addEventListener('error', () => this.onError());
  }

  /** context.AudioPlayer, as the device puts it in every request. */
  playerContext() {
    if (!this.current) return { playerActivity: 'IDLE' };
    return { token: this.current.token, offsetInMilliseconds: this.offsetMs(), playerActivity: this.activity };
  }

  offsetMs() {
    if (!this.current) return 0;
    // Until the element has seeked to the directive's offset, that offset is the truth.
    if (!this.current.seeked) return this.current.startMs;
    return Math.round(this.audio.currentTime * 1000);
  }

  isAudible() {
    return this.activity === 'PLAYING' && !this.audio.paused;
  }

  /** Applies a response's directives in order. Only the first Play counts, as on a device. */
  apply(directives = []) {
    let played = false;
    for (const directive of directives) {
      if (directive.type === 'AudioPlayer.Play') {
        if (!played) this.applyPlay(directive);
        played = true;
      } else if (directive.type === 'AudioPlayer.Stop') {
        this.stopCurrent();
      } else if (directive.type === 'AudioPlayer.ClearQueue') {
        this.queue = [];
        if (directive.clearBehavior === 'CLEAR_ALL') this.stopCurrent();
      }
    }
    this.onChange();
  }

  applyPlay(directive) {
    const stream = directive.audioItem?.stream ?? {};
    const art = directive.audioItem?.metadata?.art?.sources?.[0]?.url;
    const item = { token: stream.token, url: stream.url, startMs: Math.max(0, stream.offsetInMilliseconds ?? 0), art };
    if (!item.token) return this.flag('Play without a token: the device ignores it');
    if (typeof item.url !== 'string' || !item.url.startsWith('https://')) {
      this.flag(`Play of ${item.url}: not https, so a real Echo cannot stream it (it reports PlaybackFailed)`);
      this.report('PlaybackFailed', failedFields(item, 'MEDIA_ERROR_INVALID_REQUEST', 'stream URL is not https', this.playerContext()));
      return;
    }
    switch (directive.playBehavior) {
      case 'REPLACE_ALL':
        this.stopCurrent();
        this.queue = [];
        this.start(item);
        return;
      case 'ENQUEUE': {
        const expected = this.queue.length ? this.queue[this.queue.length - 1].token : this.current?.token;
        if (stream.expectedPreviousToken !== expected) {
          this.flag(
            `ENQUEUE ignored: expectedPreviousToken ${stream.expectedPreviousToken ?? '(none)'} is not the last queued token ${expected ?? '(nothing queued)'}`,
          );
          return;
        }
        this.queue.push(item);
        if (this.activity === 'FINISHED') this.startNext();
        return;
      }
      case 'REPLACE_ENQUEUED':
        this.queue = [item];
        if (this.activity === 'FINISHED') this.startNext();
        return;
      default:
        this.flag(`Play with unknown playBehavior ${directive.playBehavior}: the device ignores it`);
    }
  }

  /** The Stop directive (and REPLACE_ALL over a playing item): pause and say where. */
  stopCurrent() {
    const item = this.current;
    if (!item || item.stopped) return;
    if (!item.started) {
      // Still loading: it never started, so there is nothing to report.
      item.stopped = true;
      this.audio.pause();
      return;
    }
    if (this.activity !== 'PLAYING' && this.activity !== 'BUFFER_UNDERRUN') return;
    const offsetInMilliseconds = this.offsetMs();
    item.stopped = true;
    this.audio.pause();
    this.activity = 'STOPPED';
    if (item.started) this.report('PlaybackStopped', { token: item.token, offsetInMilliseconds });
  }

  start(item) {
    this.current = { ...item, started: false, nearlySent: false, stopped: false, seeked: item.startMs === 0 };
    const current = this.current;
    this.audio.src = this.localUrl(item.url);
    this.audio.addEventListener(
      'loadedmetadata',
      () => {
        if (this.current !== current) return;
        if (current.startMs > 0) this.audio.currentTime = current.startMs / 1000;
        current.seeked = true;
      },
      { once: true },
    );
    this.playElement();
    this.onChange();
  }

  startNext() {
    const next = this.queue.shift();
    if (next) this.start(next);
  }

  /** Lets the browser's autoplay rule be satisfied by the next click, then carries on. */
  playElement() {
    this.audio.play().then(
      () => {
        this.blockedByAutoplay = false;
      },
      (error) => {
        if (error?.name !== 'NotAllowedError') return;
        this.blockedByAutoplay = true;
        this.onChange();
        window.addEventListener('click', () => this.current && !this.current.stopped && this.playElement(), { once: true });
      },
    );
  }

  onPlaying() {
    const item = this.current;
    if (!item || item.stopped) return;
    this.activity = 'PLAYING';
    if (!item.started) {
      item.started = true;
      // Where playback began, as devices report it (the element may already be a frame further).
      this.report('PlaybackStarted', { token: item.token, offsetInMilliseconds: item.startMs });
    }
    this.onChange();
  }

  onTimeUpdate() {
    const item = this.current;
    if (!item?.started || item.nearlySent || item.stopped) return;
    const leftMs = (this.audio.duration - this.audio.currentTime) * 1000;
    if (Number.isFinite(leftMs) && leftMs <= this.nearlyFinishedMs) {
      item.nearlySent = true;
      this.report('PlaybackNearlyFinished', { token: item.token, offsetInMilliseconds: this.offsetMs() });
    }
    this.onChange();
  }

  onEnded() {
    const item = this.current;
    if (!item || item.stopped) return;
    this.activity = 'FINISHED';
    this.report('PlaybackFinished', { token: item.token, offsetInMilliseconds: Math.round(this.audio.duration * 1000) });
    this.startNext();
    this.onChange();
  }

  onError() {
    const item = this.current;
    if (!item || item.stopped || !this.audio.error) return;
    const context = this.playerContext();
    item.stopped = true;
    this.activity = 'STOPPED';
    const notFound = this.audio.error.code === MediaError.MEDIA_ERR_SRC_NOT_SUPPORTED;
    this.report(
      'PlaybackFailed',
      failedFields(item, notFound ? 'MEDIA_ERROR_INVALID_REQUEST' : 'MEDIA_ERROR_UNKNOWN', this.audio.error.message || 'media error', context),
    );
    this.onChange();
  }

  /** For testing the end of a segment without waiting: a few seconds before it ends. */
  jumpNearEnd(secondsBefore = 5) {
    if (!this.current || !Number.isFinite(this.audio.duration)) return;
    this.audio.currentTime = Math.max(0, this.audio.duration - secondsBefore);
  }

  /** A device fetches the https URL itself; here the skill's audio base maps onto this server. */
  localUrl(url) {
    const prefix = `${this.audioBaseUrl}/`;
    return url.startsWith(prefix) ? `/audio/${url.slice(prefix.length)}` : url;
  }
}

function failedFields(item, type, message, context) {
  return {
    token: item.token,
    error: { type, message },
    currentPlaybackState: {
      token: context.token ?? item.token,
      offsetInMilliseconds: context.offsetInMilliseconds ?? 0,
      playerActivity: context.playerActivity,
    },
  };
}
