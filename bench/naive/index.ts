/**
 * The wrapper apps hand-write today, for comparison only: it keeps status, the last code and
 * network metrics in rendered data, and hands the tag the whole attribute object on any change.
 */
Component({
  properties: {
    url: { type: String, value: '' },
    beauty: { type: Number, value: 0 },
    maxBitrate: { type: Number, value: 1200 },
  },
  data: {
    attrs: { url: '', mode: 'HD', minBitrate: 600, maxBitrate: 1200, beauty: 0 },
    status: 'idle',
    lastCode: 0,
    net: {} as Record<string, unknown>,
  },
  observers: {
    'url, beauty, maxBitrate'(url: string, beauty: number, maxBitrate: number) {
      this.setData({ attrs: { url, mode: 'HD', minBitrate: 600, maxBitrate, beauty } });
    },
  },
  methods: {
    onState(e: { detail: { code: number } }) {
      const code = e.detail.code;
      this.setData({ lastCode: code, status: code === 1002 ? 'pushing' : this.data.status });
    },
    onNet(e: { detail: { info: Record<string, unknown> } }) {
      this.setData({ net: e.detail.info });
    },
  },
});
