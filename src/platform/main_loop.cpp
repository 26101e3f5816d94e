// The one main(): SDL2 window + OpenGL context + Dear ImGui, then a frame function
// driven by the platform seam (a loop natively, animation frames in the browser).
#include <SDL.h>

#include <cstdio>

#include "backend.hpp"
#include "imgui.h"
#include "imgui_impl_opengl3.h"
#include "imgui_impl_sdl.h"

using namespace peizou;

namespace {

struct Runtime {
    SDL_Window* window = nullptr;
    SDL_GLContext gl = nullptr;
    platform::Options options;
    platform::AppCallbacks app;
};

bool frame(Runtime& rt) {
    SDL_Event event;
    bool quit = false;
    while (SDL_PollEvent(&event)) {
        ImGui_ImplSDL2_ProcessEvent(&event);
        if (event.type == SDL_QUIT) quit = true;
        if (event.type == SDL_DROPFILE && event.drop.file) {  // a file dropped on the window
            std::string path = event.drop.file, text;
            SDL_free(event.drop.file);
            platform::read_file(path, text);
            platform::push_opened_file({path.substr(path.find_last_of('/') + 1), text});
        }
    }
    int window_w = 0, window_h = 0, drawable_w = 0, drawable_h = 0;
    SDL_GetWindowSize(rt.window, &window_w, &window_h);
    SDL_GL_GetDrawableSize(rt.window, &drawable_w, &drawable_h);
    const float framebuffer_scale = window_w > 0 ? static_cast<float>(drawable_w) / static_cast<float>(window_w) : 0.0f;

    // The first frame's parts are timed (the page prints them: issue 17).
    static bool first = true;
    if (rt.app.before_frame(framebuffer_scale)) {
        ImGui_ImplOpenGL3_DestroyFontsTexture();
        ImGui_ImplOpenGL3_CreateFontsTexture();
    }
    ImGui_ImplOpenGL3_NewFrame();  // the first one builds the font atlas texture
    ImGui_ImplSDL2_NewFrame();
    if (first) platform::mark("atlas");
    ImGui::NewFrame();
    rt.app.draw();
    ImGui::Render();
    if (first) platform::mark("layout");
    first = false;

    platform::clear_frame(drawable_w, drawable_h);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
    const std::uint64_t frames = rt.app.frame_done();
    bool keep_going = platform::after_frame(rt.app, frames, rt.window, rt.options);
    SDL_GL_SwapWindow(rt.window);
    return keep_going && !quit && !rt.app.quit();
}

}  // namespace

int main(int argc, char** argv) {
    // Lives as long as the page: the browser's main loop outlives main().
    platform::mark("main");
    auto* rt = new Runtime;
    rt->options = platform::parse_options(argc, argv);

    if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_TIMER) != 0) {
        platform::fatal("无法初始化 SDL：" + std::string(SDL_GetError()),
                        "Cannot initialise SDL: " + std::string(SDL_GetError()));
        return 1;
    }
    const platform::GlSetup gl = platform::gl_setup();
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_FLAGS, 0);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_PROFILE_MASK, gl.es ? SDL_GL_CONTEXT_PROFILE_ES : SDL_GL_CONTEXT_PROFILE_CORE);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, gl.major);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, gl.minor);
    SDL_GL_SetAttribute(SDL_GL_DOUBLEBUFFER, 1);
    SDL_GL_SetAttribute(SDL_GL_DEPTH_SIZE, 0);
    SDL_GL_SetAttribute(SDL_GL_STENCIL_SIZE, 0);
    const Uint32 flags = SDL_WINDOW_OPENGL | SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI;
    rt->window = SDL_CreateWindow("陪走 Peizou", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, 1280, 720, flags);
    if (rt->window) rt->gl = SDL_GL_CreateContext(rt->window);
    if (!rt->window || !rt->gl) {
        platform::fatal("无法创建 WebGL2 / OpenGL 3 图形环境：" + std::string(SDL_GetError()),
                        "Cannot create a WebGL2 / OpenGL 3 context: " + std::string(SDL_GetError()));
        return 1;
    }
    SDL_GL_MakeCurrent(rt->window, rt->gl);
    SDL_GL_SetSwapInterval(1);

    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGui::GetIO().IniFilename = nullptr;  // layout is code, not a saved file
    ImGui_ImplSDL2_InitForOpenGL(rt->window, rt->gl);
    ImGui_ImplOpenGL3_Init(gl.glsl_version);
    platform::mark("gl");

    rt->app = platform::make_app();
    if (!rt->app.init(platform::scenarios_dir(rt->options))) {
        platform::fatal("缺少界面字体文件 fonts/ui.otf", "The UI font fonts/ui.otf is missing");
        return 1;
    }
    platform::mark("appInit");
    platform::attach_app(&rt->app);
    platform::run_main_loop([rt] { return frame(*rt); });
    return 0;
}
