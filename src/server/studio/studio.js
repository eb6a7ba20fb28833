/**
 * The studio page of `ts-pusher ingest`: renders what the server sends over server-sent events
 * (live streams, refusals), plays each stream's HTTP-FLV with mpegts.js, and asks the server to
 * sign push URLs. Plain browser JavaScript, no build step; English and Chinese.
 */
(function () {
  'use strict';

  var TEXT = {
    en: {
      title: 'ts-pusher studio',
      connecting: 'connecting…',
      connected: 'live updates on',
      disconnected: 'connection lost, retrying…',
      live: 'Live now',
      noStreams: 'No stream is being pushed.',
      refused: 'Refused',
      noRefusals: 'No push refused.',
      newUrl: 'New push URL',
      stream: 'Stream name',
      lifetime: 'Lifetime',
      hour: '1 hour',
      day: '1 day',
      week: '1 week',
      sign: 'Sign',
      copy: 'Copy',
      copied: 'Copied',
      scan: 'Scan it with the example\'s live page ("Scan" button), or paste it into your page\'s url.',
      onAir: 'live',
      ended: 'ended',
      resolution: 'Resolution',
      frameRate: 'Frame rate',
      video: 'Video',
      audio: 'Audio',
      received: 'Received',
      from: 'Pushed from',
      since: 'Since',
      play: 'Play',
      phoneSaw: 'the phone saw 3004',
      noPicture: 'No picture: mpegts.js is not installed (npm i -D mpegts.js).',
      noQr: 'No QR code: qrcode is not installed (npm i -D qrcode).',
      expires: 'expires',
      switchTo: '中文',
      unknown: '—',
    },
    zh: {
      title: 'ts-pusher 工作台',
      connecting: '连接中…',
      connected: '实时更新中',
      disconnected: '连接断开，正在重连…',
      live: '正在推流',
      noStreams: '当前没有推流。',
      refused: '已拒绝',
      noRefusals: '没有被拒绝的推流。',
      newUrl: '新推流地址',
      stream: '流名称',
      lifetime: '有效期',
      hour: '1 小时',
      day: '1 天',
      week: '1 周',
      sign: '签发',
      copy: '复制',
      copied: '已复制',
      scan: '用示例的直播页（“scan”扫码按钮）扫描，或粘贴到页面的 url。',
      onAir: '直播中',
      ended: '已结束',
      resolution: '分辨率',
      frameRate: '帧率',
      video: '视频',
      audio: '音频',
      received: '接收',
      from: '推流来源',
      since: '开始于',
      play: '播放',
      phoneSaw: '手机端表现为 3004',
      noPicture: '无画面：未安装 mpegts.js（npm i -D mpegts.js）。',
      noQr: '无二维码：未安装 qrcode（npm i -D qrcode）。',
      expires: '过期',
      switchTo: 'English',
      unknown: '—',
    },
  };
  var STORAGE = 'ts-pusher-studio-lang';
  var stored = null;
  try {
    stored = window.localStorage.getItem(STORAGE);
  } catch (_e) {
    /* storage off */
  }
  var lang = stored === 'zh' || stored === 'en' ? stored : /^zh\b/i.test(navigator.language || '') ? 'zh' : 'en';
  var last = { streams: [], refusals: [], notices: [] };
  var cards = {};
  var lastResult = null;

  function t(key) {
    return TEXT[lang][key];
  }
  function $(selector) {
    return document.querySelector(selector);
  }
  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) {
      node.setAttribute(name, attrs[name]);
    });
    if (text !== undefined) node.textContent = text;
    return node;
  }
  function both(pair) {
    return lang === 'zh' ? pair[1] : pair[0];
  }
  function clock(iso) {
    return new Date(iso).toLocaleTimeString(lang === 'zh' ? 'zh-CN' : 'en-GB');
  }
  function kbps(value) {
    return typeof value === 'number' ? value + ' kbit/s' : t('unknown');
  }

  function applyLanguage() {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
    document.title = t('title');
    Array.prototype.forEach.call(document.querySelectorAll('[data-text]'), function (node) {
      node.textContent = t(node.getAttribute('data-text'));
    });
    $('#lang').textContent = t('switchTo');
    render(last);
    if (lastResult) showResult(lastResult);
  }

  function stats(stream) {
    var s = stream.stats || {};
    var size = s.width && s.height ? s.width + '×' + s.height : t('unknown');
    var rows = [
      [t('resolution'), size],
      [t('frameRate'), s.fps ? s.fps + ' fps' : t('unknown')],
      [t('video'), (s.videoCodec || t('unknown')) + ', ' + kbps(s.videoKbps)],
      [t('audio'), (s.audioCodec || t('unknown')) + (s.audioSampleRate ? ' ' + s.audioSampleRate + ' Hz' : '') + ', ' + kbps(s.audioKbps)],
      [t('received'), kbps(s.totalKbps)],
      [t('from'), stream.client || t('unknown')],
      [t('since'), clock(stream.since) + (stream.endedAt ? ' – ' + clock(stream.endedAt) : '')],
      [t('play'), stream.playUrls.flv + '\n' + stream.playUrls.rtmp],
    ];
    var dl = el('dl');
    rows.forEach(function (row) {
      dl.appendChild(el('dt', {}, row[0]));
      dl.appendChild(el('dd', {}, row[1]));
    });
    return dl;
  }

  function startPlayer(card, stream) {
    if (!window.mpegts || !window.mpegts.isSupported()) return;
    var player = window.mpegts.createPlayer(
      { type: 'flv', isLive: true, url: stream.playUrls.flv },
      {
        // Low latency: hand data to the demuxer at once, and skip ahead when the buffer grows.
        enableWorker: false,
        enableStashBuffer: false,
        lazyLoad: false,
        liveBufferLatencyChasing: true,
        liveBufferLatencyMaxLatency: 0.9,
        liveBufferLatencyMinRemain: 0.3,
      },
    );
    player.attachMediaElement(card.video);
    player.load();
    var played = player.play();
    if (played && played.catch)
      played.catch(function () {
        /* muted autoplay; nothing to do */
      });
    card.player = player;
  }

  function stopPlayer(card) {
    if (!card.player) return;
    card.player.destroy();
    card.player = null;
  }

  /** One card a stream; its <video> and player live as long as the stream is on the page. */
  function card(stream) {
    var known = cards[stream.path];
    if (known && known.since !== stream.since) {
      stopPlayer(known);
      known.root.remove();
      known = null;
    }
    if (!known) {
      var root = el('div', { class: 'stream', 'data-stream': stream.stream, 'data-app': stream.app });
      var head = el('div', { class: 'head' });
      head.appendChild(el('span', { class: 'name' }, stream.path));
      var badge = el('span', { class: 'badge' });
      head.appendChild(badge);
      var video = el('video', { muted: '', autoplay: '', playsinline: '' });
      video.muted = true;
      root.appendChild(head);
      root.appendChild(video);
      if (!window.mpegts) root.appendChild(el('div', { class: 'nopicture', 'data-text': 'noPicture' }, t('noPicture')));
      known = cards[stream.path] = { root: root, video: video, badge: badge, since: stream.since, player: null, dl: null };
      $('#streams').appendChild(root);
      startPlayer(known, stream);
    }
    // An ended stream keeps its player: the <video> holds the last picture.
    known.root.classList.toggle('ended', stream.state === 'ended');
    known.badge.textContent = stream.state === 'ended' ? t('ended') : t('onAir');
    var dl = stats(stream);
    if (known.dl) known.root.replaceChild(dl, known.dl);
    else known.root.appendChild(dl);
    known.dl = dl;
  }

  function render(message) {
    last = message;
    var notices = $('#notices');
    notices.textContent = '';
    (message.notices || []).forEach(function (notice) {
      notices.appendChild(
        el(
          'div',
          { class: 'notice', 'data-notice': notice.peer },
          both([notice.message + '; ' + notice.advice, notice.messageZh + '；' + notice.adviceZh]),
        ),
      );
    });
    var seen = {};
    message.streams.forEach(function (stream) {
      seen[stream.path] = true;
      card(stream);
    });
    Object.keys(cards).forEach(function (path) {
      if (seen[path]) return;
      stopPlayer(cards[path]);
      cards[path].root.remove();
      delete cards[path];
    });
    $('#no-streams').hidden = message.streams.length > 0;
    var list = $('#refusals');
    list.textContent = '';
    message.refusals.forEach(function (refusal) {
      var item = el('li', { 'data-refused': refusal.reason });
      item.appendChild(el('div', {}, clock(refusal.time) + '  ' + (refusal.path || '') + (refusal.client ? '  ← ' + refusal.client : '')));
      var reason = el('div');
      reason.appendChild(el('span', { class: 'code' }, refusal.reason));
      reason.appendChild(document.createTextNode(': ' + both(refusal.text) + ' (' + t('phoneSaw') + ')'));
      item.appendChild(reason);
      list.appendChild(item);
    });
    $('#no-refusals').hidden = message.refusals.length > 0;
  }

  function showResult(result) {
    lastResult = result;
    $('#result').hidden = false;
    $('[data-push-url]').textContent = result.url;
    var qr = $('[data-qr]');
    if (result.qr) {
      qr.src = result.qr;
      qr.hidden = false;
    } else {
      qr.removeAttribute('src');
      qr.hidden = true;
    }
    var hint = $('#result .hint:last-child');
    hint.textContent = result.qr ? t('scan') : t('noQr');
  }

  function showError(error) {
    var node = $('#make-error');
    node.hidden = !error;
    node.textContent = error ? both([error.message, error.messageZh]) : '';
  }

  $('#make').addEventListener('submit', function (event) {
    event.preventDefault();
    var form = event.target;
    fetch('/studio/push-url', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ stream: form.stream.value, ttl: Number(form.ttl.value) }),
    })
      .then(function (res) {
        return res.json();
      })
      .then(
        function (body) {
          if (body.error) {
            showError(body.error);
            return;
          }
          showError(null);
          showResult(body);
        },
        function () {
          showError({ message: 'the ingest is not answering', messageZh: '推流服务无响应' });
        },
      );
  });

  $('#copy').addEventListener('click', function () {
    var text = $('[data-push-url]').textContent;
    var done = function () {
      $('#copied').hidden = false;
      setTimeout(function () {
        $('#copied').hidden = true;
      }, 1500);
    };
    if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(text).then(done, fallback);
    else fallback();
    function fallback() {
      var range = document.createRange();
      range.selectNodeContents($('[data-push-url]'));
      var selection = window.getSelection();
      selection.removeAllRanges();
      selection.addRange(range);
      if (document.execCommand('copy')) done();
    }
  });

  $('#lang').addEventListener('click', function () {
    lang = lang === 'zh' ? 'en' : 'zh';
    try {
      window.localStorage.setItem(STORAGE, lang);
    } catch (_e) {
      /* storage off */
    }
    applyLanguage();
  });

  var events = new EventSource('/studio/events');
  events.onopen = function () {
    $('#connection').textContent = t('connected');
    $('#connection').setAttribute('data-text', 'connected');
  };
  events.onerror = function () {
    $('#connection').textContent = t('disconnected');
    $('#connection').setAttribute('data-text', 'disconnected');
  };
  events.onmessage = function (event) {
    render(JSON.parse(event.data));
  };
  applyLanguage();
})();
