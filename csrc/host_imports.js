// Tells Emscripten's linker that the lw_host_* functions (csrc/lwcore.h) are
// imports from "env". The JS wrapper (lib/host.js) provides them; nothing here runs.
mergeInto(LibraryManager.library, {
  lw_host_retain: function () {},
  lw_host_release: function () {},
  lw_host_fill: function () {},
  lw_host_close: function () {},
  lw_host_call: function () {},
  lw_host_pack: function () {},
  lw_host_packrows: function () {},
  lw_host_same: function () {},
  lw_host_seen: function () {},
  lw_host_open: function () {},
  lw_host_chain: function () {},
  lw_host_fillchain: function () {},
  lw_host_bigints: function () {},
  lw_host_bigint_read: function () {},
  lw_host_text: function () {},
  lw_host_number: function () {},
  lw_host_jit: function () {},
  lw_host_unjit: function () {},
});
