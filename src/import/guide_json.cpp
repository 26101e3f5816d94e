// 办事指南 JSON with the national platform's item fields.
#include <nlohmann/json.hpp>

#include "guide.hpp"
#include "scenario/json_text.hpp"
#include "scenario/parse_count.hpp"

namespace peizou::import {

namespace {
using json = nlohmann::ordered_json;

std::string as_text(const json& v) {
    if (v.is_string()) return v.get<std::string>();
    if (v.is_boolean()) return v.get<bool>() ? "1" : "0";
    if (v.is_number_integer()) return std::to_string(v.get<long long>());
    if (v.is_number()) return v.dump();
    return {};
}

struct Key { const char* name; GuideField Guide::*field; };
const Key kKeys[] = {
    {"task_name", &Guide::task_name}, {"task_code", &Guide::task_code},
    {"dept_name", &Guide::dept_name}, {"anticipate_day", &Guide::legal},
    {"anticipate_type", &Guide::legal_type}, {"promise_day", &Guide::promise},
    {"promise_type", &Guide::promise_type}, {"limit_scene_num", &Guide::scene_num},
    {"is_fee", &Guide::is_fee}, {"transact_addr", &Guide::addr},
    {"transact_time", &Guide::time}, {"handle_flow", &Guide::flow},
    {"is_online", &Guide::online}, {"link_way", &Guide::link},
    {"result_delivery", &Guide::delivery}, {"source_url", &Guide::url},
};
struct MaterialKey { const char* name; GuideField GuideMaterial::*field; };
const MaterialKey kMaterialKeys[] = {
    {"material_name", &GuideMaterial::name}, {"is_need", &GuideMaterial::need},
    {"material_form", &GuideMaterial::form}, {"page_num", &GuideMaterial::pages},
    {"original_amount", &GuideMaterial::originals}, {"copy_amount", &GuideMaterial::copies},
    {"source_type", &GuideMaterial::source},
};

void ignore(ImportResult& r, const std::string& key, const std::string& at) {
    r.add(Mapping::ignored, key, at, "本程序不使用这个字段", "not a field this program uses");
}
}  // namespace

bool read_guide_json(const std::string& text, Guide& g, ImportResult& r) {
    r.format = "guide-json";
    ++scenario::parse_count().json;
    const json root = json::parse(text, nullptr, false);
    if (root.is_discarded() || !root.is_object()) {
        r.error("", "不是 JSON 对象形式的办事指南", "not a service guide JSON object");
        return false;
    }
    for (const auto& [key, value] : root.items()) {
        const std::string at = scenario::pointer_append("", key);
        bool known = false;
        for (const auto& k : kKeys) {
            if (key != k.name) continue;
            known = true;
            (g.*k.field) = {as_text(value), at, !value.is_null()};
        }
        if (known) continue;
        if (key == "fees" && value.is_array()) {
            // [{"fee_name", "fee_stand"}]: the standards joined, read as the fee text.
            std::string fee;
            for (const auto& f : value) {
                if (!f.is_object()) continue;
                for (const char* k : {"fee_stand", "fee_name"}) {
                    if (f.contains(k) && f[k].is_string()) { fee += (fee.empty() ? "" : "；") + f[k].get<std::string>(); break; }
                }
            }
            g.fee = {fee, at, !fee.empty()};
        } else if (key == "windows") {
            g.windows = {value.is_array() ? std::to_string(value.size()) : as_text(value), at, true};
        } else if (key == "materials" && value.is_array()) {
            for (std::size_t i = 0; i < value.size(); ++i) {
                const std::string mat = scenario::pointer_append(at, i);
                if (!value[i].is_object()) { ignore(r, "materials[]", mat); continue; }
                GuideMaterial m;
                m.location = mat;
                for (const auto& [mk, mv] : value[i].items()) {
                    bool mknown = false;
                    for (const auto& k : kMaterialKeys) {
                        if (mk != k.name) continue;
                        mknown = true;
                        (m.*k.field) = {as_text(mv), scenario::pointer_append(mat, mk), !mv.is_null()};
                    }
                    if (!mknown) ignore(r, mk, scenario::pointer_append(mat, mk));
                }
                g.materials.push_back(m);
            }
        } else {
            ignore(r, key, at);
        }
    }
    if (!g.task_name.given) {
        r.error("/task_name", "办事指南缺少事项名称 task_name", "the guide has no task_name");
        return false;
    }
    return true;
}

}  // namespace peizou::import
