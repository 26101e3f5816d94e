// 办事指南 CSV: a header row with Chinese names and one row of values, then (after an
// empty row, or directly) a materials section whose header row starts with 材料名称.
#include "guide.hpp"

namespace peizou::import {

namespace {
struct Cell {
    std::string text;
    int line = 0, column = 0;
};
using Row = std::vector<Cell>;

// RFC 4180: quoted cells may hold commas, quotes ("") and line breaks.
std::vector<Row> parse_csv(const std::string& t) {
    std::vector<Row> rows;
    Row row;
    std::size_t i = 0;
    int line = 1, column = 1;
    if (t.compare(0, 3, "\xEF\xBB\xBF") == 0) i = 3;
    auto advance = [&](char c) {
        if (c == '\n') ++line, column = 1;
        else if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++column;
    };
    while (i <= t.size()) {
        Cell cell{{}, line, column};
        if (i < t.size() && t[i] == '"') {
            advance(t[i++]);
            while (i < t.size()) {
                if (t[i] == '"' && i + 1 < t.size() && t[i + 1] == '"') { cell.text += '"'; advance(t[i]); advance(t[i + 1]); i += 2; continue; }
                if (t[i] == '"') { advance(t[i++]); break; }
                cell.text += t[i];
                advance(t[i++]);
            }
        }
        while (i < t.size() && t[i] != ',' && t[i] != '\n' && t[i] != '\r') { cell.text += t[i]; advance(t[i++]); }
        row.push_back(cell);
        if (i < t.size() && t[i] == ',') { advance(t[i++]); continue; }
        if (i < t.size() && t[i] == '\r') ++i;
        if (i < t.size() && t[i] == '\n') advance(t[i++]);
        else if (i >= t.size()) ++i;  // end of text: last row
        rows.push_back(std::move(row));
        row.clear();
    }
    return rows;
}

std::string trim(const std::string& s) {
    std::size_t a = 0, b = s.size();
    while (a < b && (s[a] == ' ' || s[a] == '\t')) ++a;
    while (b > a && (s[b - 1] == ' ' || s[b - 1] == '\t')) --b;
    return s.substr(a, b - a);
}

bool blank(const Row& row) {
    for (const auto& c : row) if (!trim(c.text).empty()) return false;
    return true;
}

std::string at(const Cell& c) { return std::to_string(c.line) + ":" + std::to_string(c.column); }

struct Header { const char* name; GuideField Guide::*field; };
const Header kHeaders[] = {
    {"事项名称", &Guide::task_name}, {"事项编码", &Guide::task_code},
    {"实施主体", &Guide::dept_name}, {"法定办结时限", &Guide::legal},
    {"承诺办结时限", &Guide::promise}, {"到办事现场次数", &Guide::scene_num},
    {"办理地点", &Guide::addr}, {"办理时间", &Guide::time}, {"是否收费", &Guide::is_fee},
    {"收费标准", &Guide::fee}, {"办理流程", &Guide::flow}, {"是否网办", &Guide::online},
    {"咨询方式", &Guide::link}, {"送达方式", &Guide::delivery}, {"窗口数", &Guide::windows},
    {"来源网址", &Guide::url},
};
struct MaterialHeader { const char* name; GuideField GuideMaterial::*field; };
const MaterialHeader kMaterialHeaders[] = {
    {"材料名称", &GuideMaterial::name}, {"材料必要性", &GuideMaterial::need},
    {"材料形式", &GuideMaterial::form}, {"纸质材料份数", &GuideMaterial::copies},
    {"来源渠道", &GuideMaterial::source},
};
}  // namespace

bool read_guide_csv(const std::string& text, Guide& g, ImportResult& r) {
    r.format = "guide-csv";
    const auto rows = parse_csv(text);
    std::size_t i = 0;
    while (i < rows.size() && blank(rows[i])) ++i;
    if (i >= rows.size() || trim(rows[i][0].text) != "事项名称") {
        r.error(i < rows.size() ? at(rows[i][0]) : "1:1",
                "办事指南 CSV 的第一行应是表头，以“事项名称”开头",
                "a service guide CSV starts with a header row whose first cell is 事项名称");
        return false;
    }
    const Row& head = rows[i++];
    if (i >= rows.size() || blank(rows[i])) {
        r.error(at(head[0]), "表头下面没有事项的数据行", "no row of values under the header");
        return false;
    }
    const Row& values = rows[i++];
    for (std::size_t c = 0; c < head.size(); ++c) {
        const std::string name = trim(head[c].text);
        const Cell* v = c < values.size() ? &values[c] : nullptr;
        bool known = false;
        for (const auto& h : kHeaders) {
            if (name != h.name) continue;
            known = true;
            if (v) (g.*h.field) = {trim(v->text), at(*v), !trim(v->text).empty()};
        }
        if (!known && !name.empty())
            r.add(Mapping::ignored, name, at(head[c]), "本程序不使用这一列", "not a column this program uses");
    }
    // Materials section.
    while (i < rows.size() && blank(rows[i])) ++i;
    if (i < rows.size() && trim(rows[i][0].text) == "材料名称") {
        const Row& mhead = rows[i++];
        for (const auto& c : mhead) {
            const std::string name = trim(c.text);
            bool known = false;
            for (const auto& h : kMaterialHeaders) known = known || name == h.name;
            if (!known && !name.empty())
                r.add(Mapping::ignored, name, at(c), "本程序不使用这一列", "not a column this program uses");
        }
        for (; i < rows.size(); ++i) {
            if (blank(rows[i])) continue;
            GuideMaterial m;
            m.location = at(rows[i][0]);
            for (std::size_t c = 0; c < mhead.size() && c < rows[i].size(); ++c) {
                const std::string name = trim(mhead[c].text);
                for (const auto& h : kMaterialHeaders) {
                    if (name != h.name) continue;
                    const std::string v = trim(rows[i][c].text);
                    (m.*h.field) = {v, at(rows[i][c]), !v.empty()};
                }
            }
            if (m.name.given) g.materials.push_back(m);
            else r.add(Mapping::ignored, "材料", m.location, "没有材料名称的行", "a row without a material name");
        }
    } else if (i < rows.size()) {
        r.add(Mapping::ignored, trim(rows[i][0].text), at(rows[i][0]),
              "数据行之后的内容不是以“材料名称”开头的材料表，未读取",
              "text after the row of values is not a materials section headed 材料名称; not read");
    }
    if (!g.task_name.given) {
        r.error(at(head[0]), "事项名称为空", "事项名称 (the item's name) is empty");
        return false;
    }
    return true;
}

}  // namespace peizou::import
