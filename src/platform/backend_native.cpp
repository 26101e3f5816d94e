// Desktop seam: OpenGL 3 core, files next to the build, a plain loop, and the
// smoke-test options (--frames N --screenshot out.png).
#include <SDL.h>
#include <SDL_opengl.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>

#define STB_IMAGE_WRITE_IMPLEMENTATION
#include <stb_image_write.h>

#include "backend.hpp"

namespace peizou::platform {

GlSetup gl_setup() { return GlSetup{3, 0, false, "#version 130"}; }

Options parse_options(int argc, char** argv) {
    Options o;
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        bool has_value = i + 1 < argc;
        if (a == "--frames" && has_value) {
            o.frames = std::atoi(argv[++i]);
        } else if (a == "--screenshot" && has_value) {
            o.screenshot = argv[++i];
        } else if (a == "--scenarios" && has_value) {
            o.scenarios_dir = argv[++i];
        } else {
            std::fprintf(stderr,
                         "usage: peizou_desktop [--frames N] [--screenshot FILE.png] [--scenarios DIR]\n");
            std::exit(a == "--help" ? 0 : 2);
        }
    }
    return o;
}

std::string scenarios_dir(const Options& o) {
    return o.scenarios_dir.empty() ? PEIZOU_SCENARIOS_DIR : o.scenarios_dir;
}
std::string fonts_dir() { return PEIZOU_FONTS_DIR; }

namespace {
// Lazy files are read at the start of the next frame, like a network reply would arrive.
std::vector<std::pair<std::string, std::function<void(std::vector<std::uint8_t>)>>> pending;
}  // namespace

void fetch_lazy(const std::string& name, std::function<void(std::vector<std::uint8_t>)> done) {
    pending.emplace_back(name, std::move(done));
}

void clear_frame(int w, int h) {
    glViewport(0, 0, w, h);
    glClearColor(0.94f, 0.94f, 0.94f, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
}

void run_main_loop(std::function<bool()> frame) {
    for (;;) {
        auto requests = std::move(pending);
        pending.clear();
        for (auto& [name, done] : requests) {
            std::string bytes;
            read_file(fonts_dir() + "/" + name, bytes);
            done(std::vector<std::uint8_t>(bytes.begin(), bytes.end()));
        }
        if (!frame()) break;
    }
}

void attach_app(const AppCallbacks*) {}

void mark(const char*) {}

namespace {
bool write_screenshot(SDL_Window* window, const std::string& path) {
    int w = 0, h = 0;
    SDL_GL_GetDrawableSize(window, &w, &h);
    std::vector<unsigned char> pixels(static_cast<std::size_t>(w) * static_cast<std::size_t>(h) * 3);
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadBuffer(GL_BACK);
    glReadPixels(0, 0, w, h, GL_RGB, GL_UNSIGNED_BYTE, pixels.data());
    stbi_flip_vertically_on_write(1);  // GL rows run bottom-up
    return stbi_write_png(path.c_str(), w, h, 3, pixels.data(), w * 3) != 0;
}
}  // namespace

bool after_frame(const AppCallbacks& app, std::uint64_t frame, SDL_Window* window, const Options& o) {
    if (o.frames <= 0 || frame < static_cast<std::uint64_t>(o.frames)) return true;
    if (!o.screenshot.empty()) {
        if (!write_screenshot(window, o.screenshot)) {
            std::fprintf(stderr, "peizou_desktop: cannot write %s\n", o.screenshot.c_str());
            std::exit(1);
        }
        std::printf("peizou_desktop: %d frames, screenshot %s\n", o.frames, o.screenshot.c_str());
    }
    std::printf("peizou_desktop: %s\n", app.summary().c_str());
    return false;
}

void fatal(const std::string& zh, const std::string& en) {
    std::fprintf(stderr, "peizou_desktop: %s / %s\n", zh.c_str(), en.c_str());
}

}  // namespace peizou::platform

// ---------------------------------------------------------------- added by the walkthrough (issue 5)
// Natively ImGui's InputText takes the IME's text; exports are files in the current
// folder; there is no file picker, so an import reads PEIZOU_IMPORT (a path) if set.
namespace peizou::platform {

bool text_overlay_available() { return false; }
void text_overlay_show(float, float, float, float, float, const std::string&) {}
void text_overlay_hide() {}
int text_overlay_poll(std::string& text) {
    text.clear();
    return 0;
}

std::string save_download(const std::string& name, const std::string&, const std::string& bytes) {
    std::FILE* f = std::fopen(name.c_str(), "wb");
    if (!f) return "";
    const bool ok = std::fwrite(bytes.data(), 1, bytes.size(), f) == bytes.size();
    std::fclose(f);
    return ok ? name : "";
}

void open_upload(const std::string&, std::function<void(std::string, std::string)> done) {
    const char* path = std::getenv("PEIZOU_IMPORT");
    std::string text;
    if (path) read_file(path, text);
    done(path ? path : "PEIZOU_IMPORT", text);
}

}  // namespace peizou::platform

// ---------------------------------------------------------------- added by offline delivery (issue 7)
// The user's files are ordinary files in ~/.local/share/peizou ($XDG_DATA_HOME/peizou,
// or $PEIZOU_USER_DIR); files dropped on the window arrive as SDL_DROPFILE (main_loop).
namespace peizou::platform {

std::string user_dir() {
    if (const char* dir = std::getenv("PEIZOU_USER_DIR")) return dir;
    if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg && *xdg) return std::string(xdg) + "/peizou";
    const char* home = std::getenv("HOME");
    return std::string(home ? home : ".") + "/.local/share/peizou";
}

bool user_write(const std::string& relative, const std::string& bytes, std::string& error,
                std::function<void(const std::string&)> kept) {
    if (!write_user_file(user_dir() + "/" + relative, bytes, error)) return false;
    if (kept) kept("");
    return true;
}

bool user_remove(const std::string& relative, std::string& error) {
    const std::string path = user_dir() + "/" + relative;
    if (std::remove(path.c_str()) != 0) {
        error = "cannot delete " + path;
        return false;
    }
    return true;
}

std::string user_storage_error() { return ""; }

void pick_files(const std::string&) {
    const char* path = std::getenv("PEIZOU_IMPORT");
    if (!path) return;
    std::string text;
    read_file(path, text);
    std::string name = path;
    push_opened_file({name.substr(name.find_last_of('/') + 1), text});
}

}  // namespace peizou::platform

// ---------------------------------------------------------------- added by presentation mode (issue 7)
// Full screen on the app's one window (the current GL window), at the desktop's size.
namespace peizou::platform {

void set_fullscreen(bool on) {
    if (SDL_Window* window = SDL_GL_GetCurrentWindow())
        SDL_SetWindowFullscreen(window, on ? SDL_WINDOW_FULLSCREEN_DESKTOP : 0);
}

bool is_fullscreen() {
    SDL_Window* window = SDL_GL_GetCurrentWindow();
    return window && (SDL_GetWindowFlags(window) & SDL_WINDOW_FULLSCREEN_DESKTOP) != 0;
}

bool fullscreen_left() { return false; }

}  // namespace peizou::platform

// ---------------------------------------------------------------- added by the worker pool (issue 17)
// The desktop app has no pool: Compare slices every run on the main thread.
namespace peizou::platform {

int pool_workers() { return 0; }
void pool_post(int, const std::string&) {}
std::vector<std::pair<int, std::string>> pool_take_results() { return {}; }
void pool_cancel(const std::vector<int>&) {}
void pool_drop(int) {}

}  // namespace peizou::platform
