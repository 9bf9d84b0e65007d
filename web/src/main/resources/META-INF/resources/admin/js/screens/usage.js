import { get } from "../api.js";
import { field, formatMoney, h, table } from "../dom.js";

const METRICS = {
	cost: { label: "Cost (US$)", value: (d) => Number(d.cost ?? 0), format: (v) => formatMoney(v) },
	tokens: { label: "Tokens (in + out)", value: (d) => d.inputTokens + d.outputTokens, format: (v) => v.toLocaleString() },
	requests: { label: "Requests", value: (d) => d.requests, format: (v) => v.toLocaleString() },
};
const COLORS = ["#4338ca", "#0f766e", "#b45309", "#be123c", "#6d28d9", "#15803d", "#0369a1", "#a16207"];
const SVG = "http://www.w3.org/2000/svg";

function svg(tag, attributes = {}, ...children) {
	const node = document.createElementNS(SVG, tag);
	for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
	node.append(...children);
	return node;
}

/** Tokens and cost per day and backend, as a stacked bar chart with the same numbers as a table. */
export async function render(container, _argument, current) {
	const days = h("select", { name: "days" }, [7, 30, 90].map((n) => h("option", { value: n, selected: n === 30 }, `Last ${n} days`)));
	const metric = h("select", { name: "metric" }, Object.entries(METRICS).map(([key, m]) => h("option", { value: key }, m.label)));
	const output = h("div");
	let usage = [];
	const draw = () => output.replaceChildren(...chart(usage, Number(days.value), METRICS[metric.value]));
	const load = async () => {
		usage = await get(`/api/v1/admin/usage?days=${days.value}`);
		if (current()) draw();
	};
	days.addEventListener("change", () => load().catch((error) => output.replaceChildren(h("p", { class: "status failed", role: "alert" }, error.message))));
	metric.addEventListener("change", draw);
	container.replaceChildren(h("div", { class: "filters" }, field("Period", days), field("Show", metric)), output);
	await load();
}

function chart(usage, dayCount, metric) {
	const today = new Date();
	const days = Array.from({ length: dayCount }, (_, i) => {
		const day = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() - (dayCount - 1 - i)));
		return day.toISOString().slice(0, 10);
	});
	const backends = [...new Set(usage.map((u) => u.backend))].sort();
	const byDay = new Map(days.map((day) => [day, new Map()]));
	for (const row of usage) byDay.get(row.day)?.set(row.backend, metric.value(row));
	const totals = days.map((day) => [...byDay.get(day).values()].reduce((a, b) => a + b, 0));
	const max = Math.max(...totals, 0);
	const total = totals.reduce((a, b) => a + b, 0);
	const summary = `${metric.label} per day over the last ${dayCount} days, by backend: ${metric.format(total)} in total.`;
	if (!usage.length) return [h("p", { class: "empty" }, "No usage in this period yet.")];
	const width = 760, height = 240, left = 64, bottom = 28, top = 10;
	const slot = (width - left) / dayCount;
	const scale = (v) => (max === 0 ? 0 : (v / max) * (height - bottom - top));
	const bars = svg("g", { class: "bars" });
	days.forEach((day, i) => {
		let y = height - bottom;
		for (const [index, backend] of backends.entries()) {
			const value = byDay.get(day).get(backend) ?? 0;
			if (!value) continue;
			const size = scale(value);
			y -= size;
			bars.append(svg("rect", { x: (left + i * slot + slot * 0.15).toFixed(1), y: y.toFixed(1), width: (slot * 0.7).toFixed(1),
				height: Math.max(size, 0.5).toFixed(1), fill: COLORS[index % COLORS.length], "data-day": day, "data-backend": backend },
			svg("title", {}, `${day} · ${backend}: ${metric.format(value)}`)));
		}
	});
	const axis = svg("g", { class: "axis" },
		svg("line", { x1: left, x2: width, y1: height - bottom, y2: height - bottom }),
		svg("text", { x: left - 6, y: top + 4, "text-anchor": "end" }, metric.format(max)),
		svg("text", { x: left - 6, y: height - bottom, "text-anchor": "end" }, metric.format(0)),
		svg("text", { x: left, y: height - 8 }, days[0]),
		svg("text", { x: width, y: height - 8, "text-anchor": "end" }, days[days.length - 1]));
	const figure = h("figure", { class: "chart" },
		svg("svg", { viewBox: `0 0 ${width} ${height}`, role: "img", "aria-label": summary }, axis, bars),
		h("figcaption", {}, summary, h("ul", { class: "legend" }, backends.map((backend, index) =>
			h("li", {}, h("span", { class: "swatch", style: { background: COLORS[index % COLORS.length] } }), backend)))));
	const rows = usage.map((u) => h("tr", {}, h("th", { scope: "row" }, u.day), h("td", {}, u.backend), h("td", {}, u.requests.toLocaleString()),
		h("td", {}, u.inputTokens.toLocaleString()), h("td", {}, u.outputTokens.toLocaleString()),
		h("td", {}, formatMoney(u.cost), u.unpricedRequests ? h("div", { class: "sub" }, `${u.unpricedRequests} requests without a price`) : null)));
	return [figure, h("details", {}, h("summary", {}, "The numbers"),
		table("Usage per day and backend, newest first", ["Day", "Backend", "Requests", "Tokens in", "Tokens out", "Cost"], rows))];
}
