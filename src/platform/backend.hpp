// The platform seam: one implementation per target, chosen by CMake
// (backend_native.cpp for the desktop app, backend_web.cpp for the page).
// Screen code never includes SDL or emscripten headers and never tests
// __EMSCRIPTEN__; what differs between native and web lives behind these functions.
#pragma once
#include <cstdint>
#include <functional>
#include <string>
#include <utility>
#include <vector>

struct SDL_Window;

namespace peizou::platform {

// What the app gives the platform: the platform files take these callbacks and include
// no app header (the app includes this one and defines make_app(), src/app/shell.cpp).
struct AppCallbacks {
    // Loads fonts and scenarios; false if the UI font is missing.
    std::function<bool(const std::string& scenarios_dir)> init;
    // Work between frames, given device px per logical px; true when the renderer must
    // re-upload the font texture. Called before ImGui::NewFrame().
    std::function<bool(float framebuffer_scale)> before_frame;
    std::function<void()> draw;                  // one frame of UI, between NewFrame and Render
    std::function<std::uint64_t()> frame_done;   // after rendering: counts it, returns frames drawn
    std::function<std::uint64_t()> frame_count;  // frames drawn so far
    std::function<bool()> quit;                  // the app asked to quit
    // The test API (web: window.peizou): JSON text.
    std::function<std::string()> state_json, rects_json;
    std::function<std::string(const std::string& name, const std::string& args_json)> act_json;
    std::function<std::string()> summary;        // one line for the native smoke test
};
AppCallbacks make_app();  // defined by the app

// How to ask SDL for a GL context and which GLSL the ImGui renderer compiles.
struct GlSetup {
    int major = 3, minor = 0;
    bool es = false;            // OpenGL ES (WebGL2) rather than desktop core
    const char* glsl_version = "#version 130";
};
GlSetup gl_setup();

// Command-line options (the page has none).
struct Options {
    int frames = 0;             // > 0: quit after this many frames (smoke test)
    std::string screenshot;     // PNG written after the last frame
    std::string scenarios_dir;  // overrides the default folder of scenario files
};
Options parse_options(int argc, char** argv);

// Where the embedded (web) or installed (native) data lives.
std::string scenarios_dir(const Options&);
std::string fonts_dir();

// Reads a whole file; false if it cannot.
bool read_file(const std::string& path, std::string& out);
// File names (not paths) in `dir` ending in `suffix`, sorted.
std::vector<std::string> list_files(const std::string& dir, const std::string& suffix);

// Fetches a file that is not loaded at start-up (the larger font): over HTTP beside
// the page on the web, from fonts_dir() natively. Calls `done` later, on the main
// thread, with the bytes (empty on failure).
void fetch_lazy(const std::string& name, std::function<void(std::vector<std::uint8_t>)> done);

// Sets the viewport and clears the back buffer (GL headers differ per platform).
void clear_frame(int drawable_width, int drawable_height);

// Runs `frame` until it returns false (natively) or forever (browser animation frames).
void run_main_loop(std::function<bool()> frame);

// Called once the app exists and after each rendered frame (`frame`: frames drawn).
void attach_app(const AppCallbacks* app);
// Returns false when the app should quit (native --frames).
bool after_frame(const AppCallbacks& app, std::uint64_t frame, SDL_Window* window, const Options& options);

// Start-up timing (issue 17): in the page, window.peizou.timing[NAME + "Ms"] =
// performance.now(); natively nothing.
void mark(const char* name);

// Start-up failed (no WebGL2 / GL context): the page shows its error panel.
void fatal(const std::string& message_zh, const std::string& message_en);

// ---- added by the walkthrough (issue 5): text typing, downloads, uploads
// A text field for typing Chinese in the browser (SDL2's Emscripten backend has no IME):
// a DOM <input> laid over the ImGui field (web/text_input.js). Natively false: ImGui's
// own InputText receives the IME's text.
bool text_overlay_available();
// Shows (or keeps showing) the overlay over [x0,y0]-[x1,y1] in logical px; `text` is its
// value when it first appears. Call every frame it is visible; it hides by itself soon
// after the calls stop.
void text_overlay_show(float x0, float y0, float x1, float y1, float font_pixels, const std::string& text);
void text_overlay_hide();
// The text typed so far; returns 1 once after Enter, 2 once after Escape, else 0.
int text_overlay_poll(std::string& text);
// Saves `bytes` as a file the user keeps: a browser download, natively a file in the
// current folder. Returns the file name (browser) or path (native).
std::string save_download(const std::string& name, const std::string& mime, const std::string& bytes);
// Asks for a file to open (browser: the file picker); `done(name, text)` is called later
// on the main thread, with empty text if nothing could be read.
void open_upload(const std::string& accept, std::function<void(std::string name, std::string text)> done);

}  // namespace peizou::platform

// ---- added by offline delivery (issue 7): the user's own files
namespace peizou::platform {

// The folder of the user's files that persist across reloads and restarts: IndexedDB
// through IDBFS on the web (mounted and loaded before main(), web/loader.js), natively
// ~/.local/share/peizou (or $PEIZOU_USER_DIR). Created when missing.
std::string user_dir();
// Writes user_dir()/`relative` (making its folder) and makes it persist. False + a message
// (English) when the write itself fails. Else `kept(error)` is called once it is kept
// for good, later on the main thread (web: when FS.syncfs to IndexedDB has finished;
// natively at once), with an empty error or why the flush failed (quota, private mode).
bool user_write(const std::string& relative, const std::string& bytes, std::string& error,
                std::function<void(const std::string& error)> kept = nullptr);
bool user_remove(const std::string& relative, std::string& error);
// Non-empty when the user's storage is unavailable (no IndexedDB, private mode) or the
// last flush to it failed (quota).
std::string user_storage_error();

// A file the user opened: dropped onto the page/window, or chosen in the file picker.
struct OpenedFile {
    std::string name, text;
};
// Shows the file picker (browser; natively reads $PEIZOU_IMPORT if set). The files
// arrive through take_opened_files() on a later frame.
void pick_files(const std::string& accept);
// Files opened since the last call, in the order they arrived.
std::vector<OpenedFile> take_opened_files();
// Called by the seams when a file arrives (drop, picker).
void push_opened_file(OpenedFile file);
// For the seams: writes a file, making its folders (files.cpp).
bool write_user_file(const std::string& path, const std::string& bytes, std::string& error);

}  // namespace peizou::platform

// ---- added by presentation mode (issue 7): full screen
namespace peizou::platform {

// Enters or leaves full screen. Web: the canvas's container (element.requestFullscreen),
// which the browser grants only soon after a user gesture (a click or key) and may
// refuse: the app then goes on in the window. Natively SDL_WINDOW_FULLSCREEN_DESKTOP.
void set_fullscreen(bool on);
bool is_fullscreen();
// True once after full screen ended without set_fullscreen(false): the browser's own
// Esc, which the page may never see as a key.
bool fullscreen_left();

}  // namespace peizou::platform

// ---- added by the worker pool (issue 17): whole runs on other cores
namespace peizou::platform {

// Workers ready to take tasks, or about to be (started, or starting at the first post):
// the page's Web Workers (web/pool.js), each with its own instance of the engine-only
// module; tasks posted before they are ready wait for them. 0 natively and when workers
// cannot start (then the callers run everything on the main thread, in slices).
int pool_workers();
// Queues task `id` (JSON text, app/pool_task.hpp); its result comes back through
// pool_take_results() on a later frame.
void pool_post(int id, const std::string& task_json);
// Results that came back since the last call: (id, text); text is empty or starts with
// "error:" when the task could not run there.
std::vector<std::pair<int, std::string>> pool_take_results();
// Drops the queued tasks among `ids` and stops the ones under way (their workers are
// restarted); nothing of them comes back.
void pool_cancel(const std::vector<int>& ids);
// Drops task `id` if it has not started; if it has, its result still comes back.
void pool_drop(int id);

}  // namespace peizou::platform
