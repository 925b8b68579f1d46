// Progressive enhancement only: every page works without this script.
(() => {
  const every = (ms, fn) => {
    let timer;
    const tick = async () => {
      if (!document.hidden) {
        try {
          await fn();
        } catch {
          // offline or signed out: try again later
        }
      }
      timer = setTimeout(tick, ms);
    };
    timer = setTimeout(tick, ms);
    return () => clearTimeout(timer);
  };

  // The queue refreshes its rows in place when runs change.
  const live = document.querySelector('tbody[data-live]');
  if (live) {
    every(3000, async () => {
      const response = await fetch(live.dataset.live, { credentials: 'same-origin', headers: { accept: 'text/html' } });
      if (!response.ok) return;
      const rows = await response.text();
      if (rows.trim() !== live.innerHTML.trim()) live.innerHTML = rows;
    });
  }

  // A run that is still working reloads its page when its status changes (a new draft, say).
  const watched = document.querySelector('[data-watch]');
  if (watched) {
    every(1000, async () => {
      const response = await fetch(watched.dataset.watch, {
        credentials: 'same-origin',
        headers: { accept: 'application/json' },
      });
      if (!response.ok) return;
      const { status } = await response.json();
      if (status !== watched.dataset.status) location.reload();
    });
  }

  // A destination's page preview (a help-center widget): its module loads only when the button is pressed.
  for (const button of document.querySelectorAll('button[data-preview-module]')) {
    button.addEventListener('click', async () => {
      button.disabled = true;
      try {
        const module = await import(button.dataset.previewModule);
        await module.default(JSON.parse(button.dataset.previewPayload));
      } finally {
        button.disabled = false;
      }
    });
  }
})();
