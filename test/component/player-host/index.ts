/** A small host page for <ts-player>: it binds a scenario and a few attributes and records every event. */
interface PlayerReceived {
  type: string;
  detail: unknown;
}

type PlayerHostData = {
  shown: boolean;
  scenario: string;
  src: string;
  mode: string;
  autoplay: boolean | null;
  minCache: number | string | null;
  maxCache: number | string | null;
  policies: Record<string, unknown> | null;
  startTimeout: number | null;
  callTimeout: number | null;
  emulate: string;
};

Component<PlayerHostData, Record<string, never>, { record(e: PlayerReceived): void }, [], { received: PlayerReceived[] }>({
  data: {
    shown: true,
    scenario: 'live',
    src: 'rtmp://play.example.com/live/room1',
    mode: '',
    autoplay: null,
    minCache: null,
    maxCache: null,
    policies: null,
    startTimeout: null,
    callTimeout: null,
    emulate: '',
  },
  lifetimes: {
    created() {
      this.received = [];
    },
  },
  methods: {
    record(e) {
      this.received.push({ type: e.type, detail: e.detail });
    },
  },
});
