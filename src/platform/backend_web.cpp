// Browser seam: WebGL2 (OpenGL ES 3.0), the embedded file system, the browser's
// animation-frame loop, lazy files over HTTP, and the test API's exported functions
// (web/peizou-api.js wraps them as window.peizou).
#include <GLES3/gl3.h>
#include <emscripten.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <string>

#include "backend.hpp"

namespace peizou::platform {

GlSetup gl_setup() { return GlSetup{3, 0, true, "#version 300 es"}; }

Options parse_options(int, char**) { return Options{}; }

std::string scenarios_dir(const Options&) { return "/scenarios"; }
std::string fonts_dir() { return "/fonts"; }

namespace {
std::map<int, std::function<void(std::vector<std::uint8_t>)>> lazy_pending;
int lazy_next = 0;
}  // namespace

extern "C" EMSCRIPTEN_KEEPALIVE void peizou_lazy_loaded(int id, const std::uint8_t* bytes, int size) {
    auto it = lazy_pending.find(id);
    if (it == lazy_pending.end()) return;
    auto done = std::move(it->second);
    lazy_pending.erase(it);
    done(size > 0 ? std::vector<std::uint8_t>(bytes, bytes + size) : std::vector<std::uint8_t>{});
}

void fetch_lazy(const std::string& name, std::function<void(std::vector<std::uint8_t>)> done) {
    const int id = ++lazy_next;
    lazy_pending[id] = std::move(done);
    // Inline in the single file (web/loader.js: peizouLazyFile), else fonts/<name>
    // beside the page (served, or from the service worker's cache).
    EM_ASM({
        var name = UTF8ToString($0);
        var id = $1;
        var inline = window.peizouLazyFile ? window.peizouLazyFile(name) : null;
        var bytes = inline || fetch('fonts/' + name).then(function(r) {
            if (!r.ok) throw new Error('HTTP ' + r.status);
            return r.arrayBuffer();
        }).then(function(b) { return new Uint8Array(b); });
        bytes.then(function(b) {
            var at = _malloc(b.length);
            HEAPU8.set(b, at);
            _peizou_lazy_loaded(id, at, b.length);
            _free(at);
        }, function(e) {
            console.warn('lazy file ' + name + ': ' + e);
            _peizou_lazy_loaded(id, 0, 0);
        });
    }, name.c_str(), id);
}

void clear_frame(int w, int h) {
    glViewport(0, 0, w, h);
    glClearColor(0.94f, 0.94f, 0.94f, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
}

namespace {
std::function<bool()> frame_fn;
const AppCallbacks* attached = nullptr;
void browser_frame() { frame_fn(); }
}  // namespace

void run_main_loop(std::function<bool()> frame) {
    frame_fn = std::move(frame);
    // 0 fps = requestAnimationFrame; do not simulate an infinite loop: main() returns.
    emscripten_set_main_loop(browser_frame, 0, 0);
}

void attach_app(const AppCallbacks* app) { attached = app; }

void mark(const char* name) {
    EM_ASM({ if (Module.peizouMark) Module.peizouMark(UTF8ToString($0)); }, name);
}

bool after_frame(const AppCallbacks&, std::uint64_t frame, SDL_Window*, const Options&) {
    if (frame == 1) {
        EM_ASM({ if (Module.peizouFirstFrame) Module.peizouFirstFrame(); });
    }
    return true;
}

void fatal(const std::string& zh, const std::string& en) {
    EM_ASM({ if (Module.peizouFatal) Module.peizouFatal(UTF8ToString($0), UTF8ToString($1)); }, zh.c_str(),
           en.c_str());
}

}  // namespace peizou::platform

// ---------------------------------------------------------------- test API exports
// Each returns JSON text valid until the next call.
namespace {
std::string last_result;
}

extern "C" {

EMSCRIPTEN_KEEPALIVE const char* peizou_test_state() {
    using namespace peizou;
    last_result = platform::attached ? platform::attached->state_json() : "null";
    return last_result.c_str();
}

EMSCRIPTEN_KEEPALIVE const char* peizou_test_act(const char* name, const char* args_json) {
    using namespace peizou;
    last_result = platform::attached ? platform::attached->act_json(name, args_json)
                                     : R"({"ok":false,"error":"not started"})";
    return last_result.c_str();
}

EMSCRIPTEN_KEEPALIVE const char* peizou_test_rects() {
    using namespace peizou;
    last_result = platform::attached ? platform::attached->rects_json() : "{}";
    return last_result.c_str();
}

EMSCRIPTEN_KEEPALIVE double peizou_frame_count() {
    using namespace peizou;
    return platform::attached ? static_cast<double>(platform::attached->frame_count()) : 0;
}

}  // extern "C"

// ---------------------------------------------------------------- added by the walkthrough (issue 5)
// Typing Chinese through a DOM <input> (web/text_input.js), downloads and file uploads.
namespace {
std::string overlay_text;
int overlay_event = 0;
bool overlay_visible = false;
std::function<void(std::string, std::string)> upload_done;
}  // namespace

extern "C" {
// Called by web/text_input.js on every edit (event 0), Enter (1) and Escape (2).
EMSCRIPTEN_KEEPALIVE void peizou_text_input(const char* text, int event) {
    overlay_text = text;
    if (event) overlay_event = event;
}
// Called with the chosen file's name and text (empty text: nothing read).
EMSCRIPTEN_KEEPALIVE void peizou_upload_done(const char* name, const char* text) {
    auto done = std::move(upload_done);
    upload_done = nullptr;
    if (done) done(name, text);
}
}

namespace peizou::platform {

bool text_overlay_available() { return true; }

void text_overlay_show(float x0, float y0, float x1, float y1, float font_pixels, const std::string& text) {
    if (!overlay_visible) {
        overlay_text = text;
        overlay_event = 0;
        overlay_visible = true;
    }
    EM_ASM({
        if (window.peizouTextInput) window.peizouTextInput.show($0, $1, $2, $3, $4, UTF8ToString($5));
    }, x0, y0, x1 - x0, y1 - y0, font_pixels, text.c_str());
}

void text_overlay_hide() {
    overlay_visible = false;
    EM_ASM({ if (window.peizouTextInput) window.peizouTextInput.hide(); });
}

int text_overlay_poll(std::string& text) {
    text = overlay_text;
    const int e = overlay_event;
    overlay_event = 0;
    return e;
}

std::string save_download(const std::string& name, const std::string& mime, const std::string& bytes) {
    EM_ASM({
        var blob = new Blob([HEAPU8.slice($2, $2 + $3)], {type: UTF8ToString($1)});
        var a = document.createElement('a');
        a.href = URL.createObjectURL(blob);
        a.download = UTF8ToString($0);
        document.body.appendChild(a);
        a.click();
        setTimeout(function() { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
    }, name.c_str(), mime.c_str(), bytes.data(), bytes.size());
    return name;
}

void open_upload(const std::string& accept, std::function<void(std::string, std::string)> done) {
    upload_done = std::move(done);
    EM_ASM({
        var input = document.createElement('input');
        input.type = 'file';
        input.accept = UTF8ToString($0);
        input.onchange = function() {
            var f = input.files[0];
            if (!f) return;
            f.text().then(function(t) { window.peizouWasmCall('peizou_upload_done', [f.name, t]); },
                          function() { window.peizouWasmCall('peizou_upload_done', [f.name, String()]); });
        };
        input.click();
    }, accept.c_str());
}

}  // namespace peizou::platform

// ---------------------------------------------------------------- added by offline delivery (issue 7)
// The user's folder is IDBFS, mounted and loaded by web/loader.js before main(); each
// write is flushed to IndexedDB at once. Dropped and picked files arrive through
// web/files.js → peizou_file_opened.
namespace {

// A JS string property of Module, copied out of the wasm heap.
std::string module_string(const char* property) {
    char* text = reinterpret_cast<char*>(EM_ASM_INT({
        var v = Module[UTF8ToString($0)];
        if (!v) return 0;
        var n = lengthBytesUTF8(v) + 1;
        var at = _malloc(n);
        stringToUTF8(v, at, n);
        return at;
    }, property));
    if (!text) return "";
    std::string out = text;
    std::free(text);
    return out;
}

std::map<int, std::function<void(const std::string&)>> flush_pending;
int flush_next = 0;

// Flushes the user's folder to IndexedDB; `kept` hears the result (peizou_flush_done).
void flush_user_files(std::function<void(const std::string&)> kept) {
    const int id = ++flush_next;
    if (kept) flush_pending[id] = std::move(kept);
    EM_ASM({
        var id = $0;
        var done = function(error) { window.peizouWasmCall('peizou_flush_done', [id, error]); };
        if (!Module.FS || !Module.FS.syncfs) return done(String());
        // peizouSyncPending: flushes under way (tests wait for 0 before reloading).
        Module.peizouSyncPending = (Module.peizouSyncPending || 0) + 1;
        var settled = false;
        var settle = function(error) {
            if (settled) return;
            settled = true;
            Module.peizouSyncPending -= 1;
            Module.peizouStorageError = error;
            done(error);
        };
        // Emscripten 3.1.6's IDBFS never calls back when IndexedDB aborts the transaction
        // (that is how a full quota arrives): after 15 s without an answer, say so.
        setTimeout(function() { settle("IndexedDB: no answer after 15 s (storage full or blocked?)"); }, 15000);
        Module.FS.syncfs(false, function(err) {
            // A later flush that succeeds has kept every earlier file too (syncfs copies
            // the whole folder), so it clears the last flush's error.
            settle(err ? "IndexedDB: " + (err.message || err) : String());
        });
    }, id);
}
}  // namespace

extern "C" EMSCRIPTEN_KEEPALIVE void peizou_flush_done(int id, const char* error) {
    using namespace peizou::platform;
    auto it = flush_pending.find(id);
    if (it == flush_pending.end()) return;
    auto kept = std::move(it->second);
    flush_pending.erase(it);
    kept(error);
}

// A dropped or picked file: its name and bytes (web/files.js reads at most one byte
// more than the size limit, so an oversized file is refused without copying it whole).
extern "C" EMSCRIPTEN_KEEPALIVE void peizou_file_opened(const char* name, const char* bytes, int size) {
    peizou::platform::push_opened_file({name, size > 0 ? std::string(bytes, static_cast<std::size_t>(size)) : std::string()});
}

namespace peizou::platform {

std::string user_dir() { return "/peizou.user"; }

bool user_write(const std::string& relative, const std::string& bytes, std::string& error,
                std::function<void(const std::string&)> kept) {
    if (!write_user_file(user_dir() + "/" + relative, bytes, error)) return false;
    flush_user_files(std::move(kept));
    return true;
}

bool user_remove(const std::string& relative, std::string& error) {
    const std::string path = user_dir() + "/" + relative;
    if (std::remove(path.c_str()) != 0) {
        error = "cannot delete " + path;
        return false;
    }
    flush_user_files(nullptr);
    return true;
}

// Storage missing at start-up (web/loader.js) stays an error; a flush's error lasts
// until a later flush succeeds.
std::string user_storage_error() {
    const std::string unavailable = module_string("peizouStorageUnavailable");
    return unavailable.empty() ? module_string("peizouStorageError") : unavailable;
}

void pick_files(const std::string& accept) {
    EM_ASM({
        var input = document.createElement('input');
        input.type = 'file';
        input.multiple = true;
        input.accept = UTF8ToString($0);
        input.onchange = function() { if (window.peizouOpenFiles) window.peizouOpenFiles(input.files); };
        input.click();
    }, accept.c_str());
}

}  // namespace peizou::platform

// ---------------------------------------------------------------- added by presentation mode (issue 7)
// Full screen through the Fullscreen API on the canvas's container (the page's body).
namespace peizou::platform {

void set_fullscreen(bool on) {
    EM_ASM({
        var on = $0;
        if (!Module.peizouFullscreenWatch) {
            Module.peizouFullscreenWatch = true;
            document.addEventListener('fullscreenchange', function() {
                if (document.fullscreenElement || !Module.peizouFullscreenWanted) return;
                Module.peizouFullscreenWanted = false;
                Module.peizouFullscreenLeft = true;
            });
        }
        Module.peizouFullscreenWanted = on;
        var box = Module.canvas.parentElement;
        if (on && !document.fullscreenElement && box.requestFullscreen) {
            box.requestFullscreen().catch(function(e) {
                Module.peizouFullscreenWanted = false;
                console.warn('full screen refused, presenting in the window: ' + e);
            });
        } else if (!on && document.fullscreenElement) {
            document.exitFullscreen().catch(function(e) { console.warn('cannot leave full screen: ' + e); });
        }
    }, on);
}

bool is_fullscreen() { return EM_ASM_INT({ return document.fullscreenElement ? 1 : 0; }) != 0; }

bool fullscreen_left() {
    return EM_ASM_INT({
        var left = Module.peizouFullscreenLeft ? 1 : 0;
        Module.peizouFullscreenLeft = false;
        return left;
    }) != 0;
}

}  // namespace peizou::platform

// ---------------------------------------------------------------- added by the worker pool (issue 17)
// web/pool.js runs the tasks on Web Workers and hands each result to peizou_pool_done.
namespace peizou::platform {

namespace {
std::vector<std::pair<int, std::string>> pool_results;
}

extern "C" EMSCRIPTEN_KEEPALIVE void peizou_pool_done(int id, const char* result) {
    pool_results.emplace_back(id, result ? result : "");
}

int pool_workers() {
    return EM_ASM_INT({ return window.peizouPool ? window.peizouPool.available() : 0; });
}

void pool_post(int id, const std::string& task_json) {
    EM_ASM({ window.peizouPool.post($0, UTF8ToString($1)); }, id, task_json.c_str());
}

std::vector<std::pair<int, std::string>> pool_take_results() {
    std::vector<std::pair<int, std::string>> out;
    out.swap(pool_results);
    return out;
}

void pool_cancel(const std::vector<int>& ids) {
    EM_ASM({ if (window.peizouPool) window.peizouPool.cancel(Array.from(HEAP32.subarray($0 >> 2, ($0 >> 2) + $1))); },
           ids.data(), static_cast<int>(ids.size()));
}

void pool_drop(int id) {
    EM_ASM({ if (window.peizouPool) window.peizouPool.drop($0); }, id);
}

}  // namespace peizou::platform
