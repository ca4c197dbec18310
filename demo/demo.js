/* global EdgeChat */
// The demo page's use of the chat's JavaScript API: the stub queues calls made before
// widget.js has loaded; the buttons and the event log show what a site can do with it.
window.EdgeChat =
  window.EdgeChat ||
  function () {
    (EdgeChat.q = EdgeChat.q || []).push(arguments);
  };

const log = (text) => {
  const line = document.getElementById("chat-log");
  if (line) line.textContent = text;
};
EdgeChat("on", "ready", () => log("The chat is ready."));
EdgeChat("on", "assigned", (agent) => log(`${agent.name} took the chat.`));
EdgeChat("on", "unread", (count) => {
  document.title = `${count ? `(${count}) ` : ""}Acme Outdoor · Demo host page`;
  log(`${count} unread message${count === 1 ? "" : "s"}.`);
});
EdgeChat("on", "message", (message) => log(`New message from the ${message.from}.`));

document.addEventListener("click", (event) => {
  const button = event.target instanceof Element ? event.target.closest("[data-chat]") : null;
  if (button) EdgeChat(button.dataset.chat, button.dataset.arg);
});
