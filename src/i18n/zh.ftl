# Funnelcast，简体中文。键与 en.ftl 相同，顺序一致。
# 中文按 CLDR 只有一种复数形式：other。

# ── 应用 ─────────────────────────────────────────────────────────────────────────────────
app.name = Funnelcast
app.tagline = 你的销售漏斗能带来什么：蒙特卡洛预测，如实给出波动范围
app.loading = 正在加载 Funnelcast…
app.error.unexpected = 出错了：{message}。场景已保存，请刷新页面继续。

# ── 顶栏：语言、货币和主要操作 ────────────────────────────────────────────────────────────
header.language = 语言
header.language.hint = 应用的界面语言。数字、金额和天数也按该语言的习惯显示。
header.currency = 货币
header.currency.hint = 金额显示所用的货币。只改变货币符号，不换算金额。
currency.usd = 美元（$）
currency.eur = 欧元（€）
currency.gbp = 英镑（£）
currency.rub = 俄罗斯卢布（₽）
currency.cny = 人民币（¥）
currency.none = 不显示货币
header.menu = 菜单
header.presets = 模板
header.undo = 撤销
header.redo = 重做
header.share = 分享链接
header.import = 导入 JSON
header.export = 导出
header.help = 帮助

# ── 模板菜单 ─────────────────────────────────────────────────────────────────────────────
presets.heading = 从模板开始
presets.hint = 业内常用的漏斗结构。加载模板会替换当前场景，可以撤销。
presets.load = 加载
presets.loaded = 已加载模板“{name}”。
presets.confirm_replace = 用模板“{name}”替换“{current}”吗？此操作可以撤销。
presets.new_empty = 空白场景
presets.new_empty.description = 还没有阶段和来源：从零搭建你自己的漏斗。

# ── 场景概览（只读） ───────────────────────────────────────────────────────────────────────
scenario.heading = 场景
scenario.name = 场景名称
scenario.name.placeholder = 我的漏斗
scenario.description = 描述
scenario.description.placeholder = 用一句话说明这个漏斗的用途
scenario.untitled = 未命名场景
scenario.horizon = 预测周期
scenario.sources = 线索来源
scenario.stages = 阶段
scenario.repeat_purchases = 复购
scenario.source.poisson = 每天约 {rate} 条线索进入“{stage}”
scenario.source.fixed[other] = 每天 {n} 条线索进入“{stage}”
scenario.source.days = 第 {from} 天至第 {to} 天
scenario.source.from_day = 自第 {day} 天起
scenario.source.cost = 每条线索成本 {cost}
scenario.stage.converts = 转化率 {rate}
scenario.stage.decides = {delay}做出决定
scenario.stage.worth = 每次转化价值 {value}
scenario.stage.nurture = {share} 的流失线索进入培育，其中 {reentry} 回到“{stage}”
scenario.retention = {share} 的客户会再次购买，最多 {count} 次，{delay}
scenario.rate.about = 约 {rate}
scenario.rate.range = {low} 至 {high}
scenario.delay.fixed = {days}后
scenario.delay.uniform = {min}至{max}后
scenario.delay.mean = 平均{days}后
scenario.delay.median = 中位数{days}后
scenario.value.range = {low} 至 {high}
scenario.value.mean = 平均 {amount}
scenario.list_separator = "，"
scenario.clause_separator = "；"

# ── 编辑器：场景设置 ───────────────────────────────────────────────────────────────────────
editor.heading = 编辑漏斗
editor.settings.heading = 预测设置
editor.horizon = 预测周期（天）
editor.horizon.help = 预测覆盖的天数，从第一条线索到达时算起。之后发生的事件不计入。
editor.runs = 模拟次数
editor.runs.help = 漏斗被模拟的次数。次数越多，数字和区间越稳定，但耗时越长；建议从 1,000 次起。
editor.seed = 随机种子
editor.seed.help = 随机抽样的起点。相同的场景、模拟次数和种子总会得到相同的预测；换一个种子可以看到另一组样本。
editor.seed.randomize = 换一个种子
editor.field.required = 必填
editor.field.optional = 选填
editor.field.invalid_number = 请输入数字，例如 {example}。
editor.field.invalid_whole_number = 请输入整数，例如 {example}。
editor.field.at_least = 请输入不小于 {min} 的数字。
editor.field.between = 请输入 {min} 到 {max} 之间的数字。
editor.apply = 应用
editor.reset = 重置
editor.more = 更多选项
editor.less = 收起选项

# ── 编辑器：阶段 ─────────────────────────────────────────────────────────────────────────
editor.stages.heading = 阶段
editor.stages.help = 线索按顺序经过各个阶段。每个阶段有一部分转化并进入下一阶段，其余流失，除非培育流程把其中一些带回来。
editor.stages.empty = 还没有阶段。添加漏斗的第一步吧。
editor.stage.add = 添加阶段
editor.stage.remove = 删除阶段
editor.stage.move_up = 上移
editor.stage.move_down = 下移
editor.stage.rename = 重命名
editor.stage.default_name = 阶段 {number}
editor.stage.name = 阶段名称
editor.stage.name.help = 简短且不与其他阶段重复的名称，例如“试用”或“已发送方案”。
editor.stage.name.duplicate = 已有名为“{name}”的阶段；阶段名称不能重复。
editor.stage.name.empty = 阶段需要一个名称。
editor.stage.number = 第 {number} 个阶段，共 {count} 个
editor.stage.remove_blocked[other] = 无法删除“{stage}”：{references}引用了它。请先修改这些引用。
editor.stage.referenced_by_source = 来源“{source}”
editor.stage.referenced_by_nurture = “{stage}”的培育流程
editor.stage.remove_confirm = 删除阶段“{stage}”吗？此操作可以撤销。
editor.stage.removed = 已删除阶段“{stage}”。
editor.stage.rename_updates[other] = 重命名时会同时更新指向此阶段的 {n} 处引用。

# 转化率
editor.stage.conversion = 转化率
editor.stage.conversion.help = 进入此阶段的线索中进入下一阶段的比例。可以输入确定值（25%）、你认为它所在的区间（15-25%），或实际观察到的数据（观察到 180 个中有 42 个）。
editor.stage.conversion.placeholder = 25%、15-25% 或 观察到 180 个中有 42 个
editor.stage.conversion.kind = 转化率
editor.stage.conversion.kind.fixed = 已知转化率
editor.stage.conversion.kind.range = 区间
editor.stage.conversion.kind.observed = 观察数据
editor.stage.conversion.fixed.hint = 例如 25% 或 0.25
editor.stage.conversion.range.hint = 例如 15-25%：区间内任何值的可能性相同
editor.stage.conversion.observed.hint = 例如“观察到 180 个中有 42 个”：180 条线索中有 42 条转化
editor.stage.conversion.observed.successes = 转化数
editor.stage.conversion.observed.trials = 观察总数
editor.stage.conversion.summary = 均值 {mean}，90% 区间 {low} 至 {high}
editor.stage.conversion.summary.fixed = 每次模拟都恰好是 {rate}
editor.stage.conversion.uncertain_note = 不确定的转化率在每次模拟中抽取一次，因此预测区间也包含了你对它的不确定性。
editor.stage.conversion.slider = 调整转化率
rate.error.unreadable = 请输入转化率，例如 25% 或 0.25，区间如 15-25%，或“观察到 180 个中有 42 个”。
rate.error.out_of_range = 转化率必须在 0% 到 100% 之间。
rate.error.range_order = 区间应从小到大填写，例如 15-25%。
rate.error.observed_too_many = 转化数（{successes}）不能超过观察总数（{trials}）。
rate.error.observed_empty = 至少要观察到一条线索才能估计转化率。
rate.input.observed = 观察到 {trials} 个中有 {successes} 个

# 时长
editor.stage.delay = 决策时长
editor.stage.delay.help = 线索在此阶段停留多少天后转化或流失。
editor.stage.delay.law = 分布形态
editor.stage.delay.mean_shown = 平均{days}
delay.law.fixed = 固定天数
delay.law.uniform = 两个值之间均匀分布
delay.law.exponential = 指数分布（多数人很快做决定）
delay.law.lognormal = 对数正态分布（有一批决策很慢的长尾）
delay.law.gamma = 伽马分布（几天后达到高峰）
delay.days = 天数
delay.min = 最少（天）
delay.max = 最多（天）
delay.mean = 平均值（天）
delay.median = 中位数（天）
delay.sigma = 离散度（sigma）
delay.sigma.help = 时长取对数后的标准差：0.5 为中等，1 为很分散。
delay.shape = 形状参数
delay.shape.help = 1 即指数分布；数值越大，高峰越靠后、越集中。
delay.scale = 尺度参数（天）
delay.rounding_note = 时长按整天计算；连续分布的时长四舍五入到最近的整天。

# 价值
editor.stage.value = 每次转化的价值
editor.stage.value.help = 线索在此阶段每转化一次计入的营收，通常只在最后一个阶段设置。
editor.stage.value.none = 此阶段不产生营收
value.law.fixed = 固定金额
value.law.uniform = 两个金额之间均匀分布
value.law.lognormal = 围绕均值波动（对数正态）
value.amount = 金额
value.low = 最低
value.high = 最高
value.mean = 均值
value.sd = 标准差
value.sd.help = 单笔订单金额围绕均值的波动幅度。

# 培育
editor.stage.nurture = 线索培育
editor.stage.nurture.help = 未转化的线索中有一部分会进入培育（邮件、电话、提醒），其中一些稍后会回到某个阶段。
editor.stage.nurture.enable = 培育在此流失的线索
editor.stage.nurture.remove = 移除培育流程
nurture.share = 进入培育的比例
nurture.share.help = 在此阶段流失的线索中进入培育流程的比例。
nurture.delay = 培育时长
nurture.delay.help = 线索被培育多久后回流或彻底流失。
nurture.reentry = 回流比例
nurture.reentry.help = 被培育的线索中重新进入漏斗的比例。
nurture.to = 回流到
nurture.to.help = 回流线索进入的阶段（本阶段或之前的某个阶段）。
nurture.max_cycles = 最多（轮）
nurture.max_cycles.help = 一条线索最多可以经历几轮培育。

# ── 编辑器：线索来源 ───────────────────────────────────────────────────────────────────────
editor.sources.heading = 线索来源
editor.sources.help = 为漏斗带来线索的渠道，每个渠道进入一个阶段。
editor.sources.empty = 还没有线索来源。添加一个带来线索的渠道吧。
editor.source.add = 添加来源
editor.source.remove = 删除来源
editor.source.move_up = 上移
editor.source.move_down = 下移
editor.source.default_name = 来源 {number}
editor.source.name = 来源名称
editor.source.name.help = 渠道名称，例如“搜索广告”或“合作伙伴”。
editor.source.entry = 进入阶段
editor.source.entry.help = 该来源的线索从哪个阶段开始。
editor.source.per_day = 每天线索数
editor.source.per_day.help = 每个投放日到达的线索数。
editor.source.arrivals = 到达方式
editor.source.arrivals.poisson = 围绕均值波动（泊松分布）
editor.source.arrivals.fixed = 恰好这么多
editor.source.start_day = 开始日
editor.source.start_day.help = 该来源开始带来线索的那一天；第 0 天是预测的起点。
editor.source.end_day = 停止日
editor.source.end_day.help = 该来源不再带来线索的第一天。留空表示一直持续到预测周期结束。
editor.source.end_day.none = 持续到预测周期结束
editor.source.cost_per_lead = 单条线索成本
editor.source.cost_per_lead.help = 该来源每条线索的成本，用于计算花费和投入产出比。
editor.source.remove_confirm = 删除来源“{source}”吗？此操作可以撤销。

# ── 编辑器：复购 ─────────────────────────────────────────────────────────────────────────
editor.retention.heading = 复购
editor.retention.help = 客户在首次购买后可能再次购买。
editor.retention.enable = 客户会复购
editor.retention.remove = 不考虑复购
retention.repeat = 复购概率
retention.repeat.help = 客户完成下一次购买的概率。
retention.delay = 两次购买的间隔
retention.value = 复购金额
retention.value.same_as_last = 与最后一个阶段的价值相同
retention.max_repeats = 最多（复购次数）
retention.max_repeats.help = 客户在首次购买之后最多还能购买几次。

# ── 校验与过期结果 ─────────────────────────────────────────────────────────────────────────
validation.heading = 此场景无法模拟：
validation.count[other] = 有 {n} 个问题需要修正
validation.field = {field}：{message}
validation.stale = 下方数字来自上一个有效场景。修正标记的字段后即可更新。
validation.stale.badge = 已过期
validation.go_to_field = 前往该字段
# 场景校验信息（英文文本同时用作匹配模板，见 src/i18n/validation.rs）。
validation.rule.probability = 必须在 0 到 1 之间（表示比例：0.25 即 25%），当前为 {value}
validation.rule.at_least_zero = “{what}”必须是不小于 0 的数字，当前为 {value}
validation.rule.at_most = “{what}”不能大于 {max}，当前为 {value}
validation.rule.positive = “{what}”必须大于 0，当前为 {value}
validation.rule.whole_range = “{what}”必须是 {min} 到 {max} 之间的整数，当前为 {value}
validation.rule.low_high = 下限（{low}）不能大于上限（{high}）
validation.rule.min_max = 最小值（{min}）不能大于最大值（{max}）
validation.rule.no_stages = 场景至少需要一个阶段
validation.rule.stage_name = 阶段需要名称
validation.rule.source_name = 来源需要名称
validation.rule.control_characters = 名称不能包含控制字符（例如换行符或制表符）
validation.rule.hidden_character = 名称不能包含不可见字符 {code}：它可能打乱或隐藏周围的文字
validation.rule.duplicate_stage = 名称“{name}”已被 stages[{index}] 使用；阶段名称不能重复
validation.rule.unknown_stage = 没有名为“{name}”的阶段；现有阶段为 {stages}
validation.rule.end_before_start = end_day（{end}）必须大于 start_day（{start}）：来源从 start_day 起生效，到 end_day 为止（不含 end_day）
validation.rule.too_many_paths = 培育循环和复购共产生 {paths} 条不同路径，超过了 {days} 天预测周期可追踪的上限 {most} 条；请降低培育的 max_cycles 或 retention.max_repeats（或缩短预测周期）
validation.what.alpha = alpha
validation.what.beta = beta
validation.what.a-delay-in-days = 时长（天）
validation.what.min = 最小值
validation.what.max = 最大值
validation.what.mean = 均值
validation.what.median = 中位数
validation.what.sigma = sigma
validation.what.shape = 形状参数
validation.what.scale = 尺度参数
validation.what.a-value = 金额
validation.what.low = 下限
validation.what.high = 上限
validation.what.sd = 标准差
validation.what.horizon-days = 预测周期（天）
validation.what.max-cycles = 最多轮数
validation.what.leads-per-day = 每天线索数
validation.what.start-day = 开始日
validation.what.end-day = 停止日
validation.what.cost-per-lead = 单条线索成本
validation.what.max-repeats = 最多复购次数
validation.what.runs = 模拟次数
validation.paths.too_many = 过多

# ── 进度与取消 ─────────────────────────────────────────────────────────────────────────
progress.simulating[other] = 正在进行 {n} 次模拟…
progress.done_of = 已完成 {done} / {total} 次模拟
progress.percent = 已完成 {percent}
progress.cancel = 取消
progress.cancelled = 已在完成 {done} / {total} 次模拟后取消。下方数字仅基于已完成的模拟。
progress.cancelled.nothing = 在第一次模拟完成前已取消，暂无结果。
progress.workers[other] = 使用 {n} 个线程
progress.rerun = 重新计算

# ── 结果：核心指标 ─────────────────────────────────────────────────────────────────────────
results.heading = 预测
results.leads = 线索
results.customers = 客户
results.purchases = 购买次数
results.revenue = 营收
results.cost = 线索成本
results.cost_per_customer = 获客成本
results.return_on_spend = 投入产出比
results.return_on_spend.help = 营收除以线索成本：3× 表示每投入 1 元获取线索，带回 3 元营收。
results.return_on_spend.value = {ratio}×
results.profit = 利润
results.profit.help = 营收减去线索成本。
results.overall_conversion = 线索到客户的转化率
results.range = 90% 的模拟结果：{low} 至 {high}
results.range.help = 在 100 次模拟中有 90 次落在这个区间内（第 5 至第 95 百分位）。
results.expected = 理论期望：{value}
results.expected.help = 不经模拟直接算出的精确期望值。模拟均值应接近它，模拟次数越多差距越小。
results.mean = 均值
results.median = 中位数
results.not_applicable = 不适用
results.no_customers = 所有模拟中都没有客户，因此无法计算获客成本。
results.run_summary[other] = {n} 次模拟，周期 {days}，随机种子 {seed}
results.timing = 用时 {seconds} 秒
results.empty = 添加一个来源和一个阶段即可看到预测。
results.horizon_note = 到预测周期结束时仍在决策中的线索计为“进行中”，而不是流失。

# ── 图表：通用 ─────────────────────────────────────────────────────────────────────────
chart.band.outer = 90% 的模拟（p5 至 p95）
chart.band.inner = 50% 的模拟（p25 至 p75）
chart.median = 中位数
chart.mean = 均值
chart.expected = 理论期望
chart.day = 天
chart.days = 天数
chart.share_of_runs = 模拟占比
chart.runs = 模拟次数
chart.axis.money = {title}（{currency}）
chart.download_png = 保存为 PNG
chart.hover.day = 第 {day} 天
chart.hover.band = 中位数 {median}，90% 的模拟在 {low} 至 {high} 之间
chart.hover.bin = {low} 至 {high}：占模拟的 {share}
chart.error.no_days = 预测中没有可绘制的天数。
chart.error.not_finite = 序列“{series}”在第 {day} 天不是有限数值。
chart.error.drawing = 绘图失败：{message}
chart.error.no_room = 页面上没有足够的空间绘制图表。
chart.error.no_canvas = 此浏览器无法在 canvas 上绘图。

# 漏斗
chart.funnel.title = 漏斗：进入各阶段的线索数
chart.funnel.x = 阶段
chart.funnel.y = 进入的线索数
chart.funnel.range = 90% 的模拟
chart.funnel.step_conversion = {rate} 进入下一步
chart.funnel.biggest_loss = 流失最多
chart.funnel.reentries = 培育回流 +{count}
chart.funnel.reentries.legend = 培育回流
chart.funnel.aria = 柱状图：进入各阶段的线索数，以及各阶段之间的转化率。

# 营收随时间变化
chart.revenue_over_time.title = 营收随时间变化
chart.revenue_over_time.x = 天
chart.revenue_over_time.y = 累计营收
chart.revenue_over_time.caption = 每日累计营收。折线为中位数模拟，色带分别覆盖中间 50% 和 90% 的模拟。
chart.revenue_over_time.aria = 累计营收扇形图：中位数模拟，以及覆盖 50% 和 90% 模拟的区间。

# 营收分布
chart.revenue_histogram.title = 总营收分布
chart.revenue_histogram.x = 预测周期内的总营收
chart.revenue_histogram.y = 模拟占比
chart.revenue_histogram.target = 目标：{amount}
chart.revenue_histogram.target.input = 营收目标
chart.revenue_histogram.target.placeholder = 选填
chart.revenue_histogram.probability = 达成目标的概率：{percent}
chart.revenue_histogram.probability.short = P(营收 ≥ 目标)
chart.revenue_histogram.aria = 各次模拟总营收的直方图；设置目标后显示目标线。

# 首次购买用时
chart.time_to_purchase.title = 首次购买用时
chart.time_to_purchase.x = 从首次接触到首次购买的天数
chart.time_to_purchase.y = 客户占比
chart.time_to_purchase.median = 中位数：{days}
chart.time_to_purchase.empty = 所有模拟中都没有购买。
chart.time_to_purchase.aria = 直方图：线索从首次接触到首次购买所用的天数。

# 龙卷风图（敏感性）
chart.tornado.title = 各个杠杆对营收的影响
chart.tornado.x = 平均营收的变化
chart.tornado.improved = 杠杆改善
chart.tornado.worsened = 杠杆变差
chart.tornado.interval = 90% 区间
chart.tornado.aria = 龙卷风图：每个杠杆带来的平均营收变化，影响最大的在最上方，包含改善和变差两个方向。

# 方案对比
chart.compare.revenue_histogram.title = 各方案的总营收
chart.compare.revenue_over_time.title = 各方案的累计营收
chart.compare.difference.title = 营收差异：{b} 减 {a}
chart.compare.difference.x = 每次模拟的营收差异 {b} − {a}
chart.compare.difference.y = 模拟占比
chart.compare.difference.zero = 无差异
chart.compare.difference.interval = 90% 区间：{low} 至 {high}
chart.compare.aria = 各方案的叠加图表，所有方案使用相同的随机线索模拟。

# ── 阶段明细表 ───────────────────────────────────────────────────────────────────────────
table.heading = 各阶段明细
table.stage = 阶段
table.entries = 进入数
table.conversions = 转化数
table.conversion = 转化率
table.conversion.help = 转化数除以全部进入数，包括到预测周期结束时仍在决策中的线索。
table.win_rate = 赢单率（已结束）
table.win_rate.help = 转化数除以到预测周期结束时已有结果（转化或流失）的线索数。
table.mean_days = 平均停留天数
table.lost = 流失
table.explain = 转化率把进入该阶段的所有线索都算在内，包括到期末仍在决策中的 {open} 条；赢单率只统计已有结果的线索，所以进行中的线索越多，它就越高于转化率。
table.total = 合计
table.export_csv = 将表格导出为 CSV

# ── 分享、保存、导入与导出 ───────────────────────────────────────────────────────────────────
share.button = 复制分享链接
share.copied = 链接已复制。任何人打开都能看到这个场景。
share.copy_failed = 无法自动复制链接，请选中后手动复制。
share.link_label = 分享链接
share.too_long = 这个场景生成的链接很长（{length} 个字符），部分应用可能会截断。如果打不开，请改用导出的 JSON 文件。
share.open.title = 打开分享的场景？
share.open.body = 链接中包含场景“{name}”。打开后将替换你当前的场景，可以撤销。
share.open.confirm = 打开分享的场景
share.open.keep = 保留我的场景
share.opened = 已打开分享的场景“{name}”。
share.broken.title = 无法打开此分享链接
share.broken.damaged = 链接已损坏或不完整（可能在复制时被截断）。
share.broken.version = 此链接由更新版本的 Funnelcast 生成。
share.broken.invalid = 链接中的场景有错误：{reason}
share.broken.nothing_loaded = 未加载任何内容，你保存的工作没有变化。
share.broken.dismiss = 关闭
import.button = 导入（JSON：工作或场景）
import.success = 已导入“{name}”。
import.failed = 无法导入 {file}：{reason}
import.not_json = 该文件不是 JSON 格式的场景。
import.too_large = 文件太大（{size}），不像是场景文件。
import.confirm_replace = 导入将替换你当前的场景，可以撤销。
export.json = 场景（JSON）
export.csv_summary = 结果摘要（CSV）
export.csv_daily = 每日区间（CSV）
export.png = 图表（PNG）
export.done = 已保存 {file}。
export.failed = 无法保存文件：{reason}
export.csv.column.metric = 指标
export.csv.column.day = 天
autosave.saved = 已保存在此浏览器中
autosave.saving = 正在保存…
autosave.restored = 已恢复你上次的场景。
autosave.unavailable = 此浏览器不允许保存数据，离开页面后工作将丢失。请导出场景以便保留。
autosave.failed = 无法在此浏览器中保存：{reason}。请导出场景以便保留。
autosave.corrupt = 无法读取已保存的场景，已加载默认场景。无法读取的副本已另行保留。
history.undo = 撤销
history.redo = 重做
history.undo.action = 撤销：{action}
history.redo.action = 重做：{action}
history.nothing_to_undo = 没有可撤销的操作
history.nothing_to_redo = 没有可重做的操作
history.action.edit = 编辑“{field}”
history.action.add_stage = 添加阶段
history.action.remove_stage = 删除阶段
history.action.move_stage = 移动阶段
history.action.rename_stage = 重命名阶段
history.action.add_source = 添加来源
history.action.remove_source = 删除来源
history.action.load_preset = 加载模板
history.action.import = 导入
history.action.open_link = 打开分享链接

# ── 切换语言 ───────────────────────────────────────────────────────────────────────────
language.label = 语言
language.switch = 切换到{language}
language.remembered = 所选语言会保存在此浏览器中。

# ── A/B 方案 ─────────────────────────────────────────────────────────────────────────────
compare.heading = 方案对比
compare.duplicate = 复制为新方案
compare.duplicate.help = 复制当前场景，修改后与原方案对比。各方案使用相同的随机线索模拟，差异不会被随机噪声掩盖。
compare.variant = 方案 {letter}
compare.baseline = {letter}（基准）
compare.remove_variant = 删除方案 {letter}
compare.rename_variant = 重命名方案
compare.select_variant = 查看方案
compare.differences.heading = 与 A 的不同之处
compare.differences.none = 目前与 A 没有任何不同。请修改这个方案。
compare.run_all = 运行所有方案
compare.side_by_side = 并排对比
compare.metric = 指标
compare.difference = {b} − {a}
compare.difference.interval = 90% 的模拟：{low} 至 {high}
compare.p_beats = {b} 优于 {a} 的概率
compare.p_beats.revenue = 营收
compare.p_beats.customers = 客户数
compare.p_beats.profit = 利润
compare.p_beats.cost_per_customer = 获客成本（越低越好）
compare.p_beats.sentence = 在 {percent} 的模拟中，{b} 的{metric}优于 {a}。
compare.identical = 两个方案完全相同，因此每次模拟的结果都一样。
compare.coupled_note = 所有方案使用相同的随机线索模拟（公共随机数），因此差异来自改动本身，而不是偶然。
compare.max_variants = 最多可同时对比 {count} 个方案。

# ── 敏感性分析：先优化哪里 ─────────────────────────────────────────────────────────────────
sensitivity.heading = 先优化哪里
sensitivity.help = 每次只调整一个杠杆，其余保持不变，并使用与基准相同的随机线索模拟。
sensitivity.run = 找出最佳杠杆
sensitivity.running = 正在逐一尝试各个杠杆…
sensitivity.mode = 转化率的调整方式
sensitivity.mode.points = +N 个百分点
sensitivity.mode.relative = 在当前转化率基础上 +N%
sensitivity.mode.dropoff = 流失减少 N%
sensitivity.step = N
sensitivity.step.help = 每次调整的幅度。时长和成本减少 N%，线索量增加 N%。
sensitivity.lever = 杠杆
sensitivity.lever.conversion = “{stage}”的转化率
sensitivity.lever.delay = “{stage}”的决策时长
sensitivity.lever.reentry = “{stage}”的培育回流率
sensitivity.lever.volume = 来自“{source}”的线索量
sensitivity.lever.cost = “{source}”的单条线索成本
sensitivity.lever.repeat = 复购概率
sensitivity.change = 调整
sensitivity.change.from_to = {from} → {to}
sensitivity.revenue_delta = 营收变化
sensitivity.customers_delta = 客户数变化
sensitivity.profit_delta = 利润变化
sensitivity.interval = 90% 区间
sensitivity.none = 没有任何单个杠杆对营收的影响超过模拟噪声。
sensitivity.not_significant = 90% 区间包含零：这个效果可能只是噪声。

# ── 目标反推 ─────────────────────────────────────────────────────────────────────────────
goal.heading = 达成营收目标
goal.help = 找出只调整一个杠杆时，以所选概率达成目标所需的最小改动。
goal.target = 营收目标
goal.probability = 达成概率
goal.lever = 调整的杠杆
goal.run = 计算所需改动
goal.searching = 正在搜索…
goal.found = {lever}为 {value} 时，营收在 {probability} 的模拟中达到 {target}（目前为 {current}）。
goal.already = 营收已在 {probability} 的模拟中达到 {target}，无需调整。
goal.unreachable = {lever}在 {low} 至 {high} 范围内的任何取值都无法以 {probability} 的概率达到 {target}。最佳取值 {best} 仅在 {achieved} 的模拟中达成。

# ── 实验规划 ─────────────────────────────────────────────────────────────────────────────
experiment.heading = 规划 A/B 测试
experiment.help = 在某个阶段做实验时，需要多少线索才能检测出你关心的提升，以及按此场景的流量需要运行多少天。
experiment.stage = 测试的阶段
experiment.baseline = 当前转化率
experiment.uplift = 值得检测的最小提升
experiment.uplift.absolute = 个百分点
experiment.uplift.relative = %（相对当前转化率）
experiment.significance = 显著性水平
experiment.significance.help = 实际没有差异却判定出赢家的概率；通常为 5%。
experiment.power = 统计功效
experiment.power.help = 提升真实存在时能检测出来的概率；通常为 80%。
experiment.leads_per_arm = 每组所需线索数
experiment.result = 每组 {n} 条线索，共 {total} 条。
experiment.duration = 每天约有 {rate} 条线索到达“{stage}”，平均分到两组，测试大约需要 {days}。
experiment.no_traffic = 此场景中没有线索到达“{stage}”，无法估算测试时长。
experiment.too_long = 测试需要 {days}，超过了预测周期。请检测更大的提升，或选择流量更大的阶段。
experiment.invalid_uplift = 提升后的转化率必须低于 100%。

# ── 单位与常用词 ─────────────────────────────────────────────────────────────────────────
unit.days[other] = {n}天
unit.runs[other] = {n} 次模拟
unit.leads[other] = {n} 条线索
unit.customers[other] = {n} 位客户
unit.times[other] = {n} 次
unit.percentage_points[other] = {n} 个百分点
unit.pp = {n} 个百分点
unit.per_day = 每天 {n}
unit.seconds = {n} 秒
common.yes = 是
common.no = 否
common.ok = 确定
common.cancel = 取消
common.close = 关闭
common.remove = 删除
common.save = 保存
common.none = 无
common.from_to = {from} 至 {to}

# ── 模板：名称、描述、阶段和来源 ────────────────────────────────────────────────────────────
preset.six-step.name = 六步营销漏斗
preset.six-step.description = 在线服务从认知到购买：搜索广告和合作伙伴引流，在考虑阶段用邮件培育，并有复购订单。
preset.six-step.stage.awareness = 认知
preset.six-step.stage.interest = 兴趣
preset.six-step.stage.consideration = 考虑
preset.six-step.stage.intent = 意向
preset.six-step.stage.evaluation = 评估
preset.six-step.stage.purchase = 购买
preset.six-step.source.search-ads = 搜索广告
preset.six-step.source.partners = 合作伙伴

preset.aida.name = AIDA 模型
preset.aida.description = 经典的注意—兴趣—欲望—行动漏斗，用于为期一个季度的一次性新品上市活动。
preset.aida.stage.attention = 注意
preset.aida.stage.interest = 兴趣
preset.aida.stage.desire = 欲望
preset.aida.stage.action = 行动
preset.aida.source.social-ads = 社交媒体广告

preset.b2b-pipeline.name = B2B 商机管道
preset.b2b-pipeline.description = 从主动咨询到签约付款：方案、会议和漫长的成交周期，停滞的商机通过跟进重新激活。
preset.b2b-pipeline.stage.request = 咨询
preset.b2b-pipeline.stage.proposal-sent = 已发送方案
preset.b2b-pipeline.stage.meeting = 会议
preset.b2b-pipeline.stage.contract-signed = 已签合同
preset.b2b-pipeline.stage.payment = 付款
preset.b2b-pipeline.source.inbound-requests = 主动咨询
preset.b2b-pipeline.source.outbound-calls = 外呼电话

preset.crm-pipeline.name = CRM 销售管道
preset.crm-pipeline.description = 由销售团队跟进的线索：建立联系、确认意向、签订合同、付款。
preset.crm-pipeline.stage.lead = 线索
preset.crm-pipeline.stage.contact-made = 已建立联系
preset.crm-pipeline.stage.interested = 确认意向
preset.crm-pipeline.stage.contract = 合同
preset.crm-pipeline.stage.payment = 付款
preset.crm-pipeline.source.website-form = 官网表单

preset.ecommerce.name = 带弃购提醒的电商漏斗
preset.ecommerce.description = 网店从访客到订单，提醒邮件能挽回一部分在结账时放弃的购物车。
preset.ecommerce.stage.visit = 访问
preset.ecommerce.stage.product-page = 商品详情页
preset.ecommerce.stage.cart = 购物车
preset.ecommerce.stage.checkout = 结账
preset.ecommerce.source.organic-search = 自然搜索
preset.ecommerce.source.retargeting-ads = 再营销广告

preset.auto-funnel.name = 带引流品的自动化漏斗
preset.auto-funnel.description = 免费的引流资料、低价引流品和核心产品，没有购买引流品的人会收到系列培育邮件。
preset.auto-funnel.stage.lead-magnet = 免费引流资料
preset.auto-funnel.stage.tripwire = 低价引流品
preset.auto-funnel.stage.core-product = 核心产品
preset.auto-funnel.source.social-ads = 社交媒体广告

preset.subscription.name = 含续费的订阅漏斗
preset.subscription.description = 从注册试用到付费订阅并逐月续费；随着续费累积，漏斗底部越来越宽。
preset.subscription.stage.sign-up = 注册
preset.subscription.stage.trial = 试用
preset.subscription.stage.first-payment = 首次付费
preset.subscription.source.content-marketing = 内容营销

preset.classroom-cohort.name = 教学用批次
preset.classroom-cohort.description = 一批 1,000 条线索以固定转化率经过六个阶段：用于教学的漏斗。
preset.classroom-cohort.stage.awareness = 认知
preset.classroom-cohort.stage.interest = 兴趣
preset.classroom-cohort.stage.consideration = 考虑
preset.classroom-cohort.stage.intent = 意向
preset.classroom-cohort.stage.evaluation = 评估
preset.classroom-cohort.stage.purchase = 购买
preset.classroom-cohort.source.cohort = 批次

# ── The app's own additions (results state, read-outs, unit labels) ─────────────────────────
results.stale = 已过期：这些数字来自上一个有效的场景，而不是正在编辑的场景。
results.failed = 模拟失败：
chart.revenue_over_time.readout = 第 {day} 天：中位数 {median}，90% 的模拟在 {low} 至 {high} 之间
unit.leads_per_day = 条线索/天
unit.percent = %
chart.funnel.lost_here = 在此流失 {count}
chart.time_to_purchase.median_days = 中位数：{days} 天
chart.time_to_purchase.mean_days = 平均：{days} 天
chart.revenue_histogram.probability_at = P(营收 ≥ {target}) = {probability}
chart.revenue_histogram.target.hint = 输入一个金额，查看达到它的概率。
export.json.button = 导出工作（JSON）
progress.cancelled.kept = 已在 {total} 次模拟中的第 {done} 次后取消；上一次的预测仍显示在屏幕上，并标为已过期。
# Failures of jobs and decisions (app_model::messages), written from the error's data.
worker.error.unreadable_at = 无法读取场景（第 {line} 行，第 {column} 列）：{detail}
worker.error.unreadable_field = 无法读取场景的 {path}（第 {line} 行，第 {column} 列）：{detail}
worker.error.invalid = 该场景无法模拟：{errors}
worker.error.in_scenario = 方案 {variant}：{error}
worker.error.runs = {field}：模拟次数须在 1 到 {most} 之间，当前为 {runs}
worker.error.runs_memory = 预测周期为 {days} 天时，浏览器内存最多容纳 {most} 次模拟（每次模拟保存逐日数据），当前为 {runs}。
worker.error.too_many_totals = {variants} 个方案各 {runs} 次模拟，超过了浏览器一次可保存的 {most} 个结果：请减少模拟次数。
worker.error.protocol = 页面与模拟线程的通信不一致（这是程序错误，请报告）：{detail}
worker.error.crashed = 模拟线程出错：{detail}
decision.error = {field}：{problem}
decision.problem.no_variants = 比较需要方案 A 和至少一个变体
decision.problem.not_finite = 必须是有限的数字
decision.problem.open_unit = 必须严格介于 0 和 1 之间，当前为 {value}
decision.problem.probability = 必须大于 0 且不大于 1，当前为 {value}
decision.problem.positive = 必须大于 0，当前为 {value}
decision.problem.step = 必须大于 0 且小于 100，当前为 {step}
decision.problem.uplift = 变体的转化率 {variant} 必须不同于基准 {baseline}，且严格介于 0 和 1 之间
decision.problem.no_stage = 没有编号为 {index} 的阶段（场景共有 {stages} 个）
decision.problem.no_source = 没有编号为 {index} 的来源（场景共有 {sources} 个）
decision.problem.no_nurture = 阶段“{stage}”没有培育循环
decision.problem.no_retention = 场景没有复购
decision.problem.goal_lever = 目标求解只能调整阶段的转化率或来源的线索量
decision.problem.leaves_nothing = {change}% 的变化会使“{what}”归零：变化须在 -100% 到 100% 之间
decision.problem.too_many_leads = {change}% 的变化会使每天线索超过 {most} 条
decision.problem.no_runs = 至少需要一次模拟
decision.problem.mismatched_totals = 含有 {variants} 个方案，而分析有 {expected} 个
decision.problem.uneven_totals = 每个方案必须覆盖相同的模拟
decision.what.delay = 延迟
decision.what.leads = 线索
decision.what.cost = 成本
decision.what.drop_off = 流失
decision.what.conversion = 转化率
edit.error.no_stage = 没有第 {number} 个阶段。
edit.error.no_source = 没有第 {number} 个来源。
edit.error.empty_name = 名称至少需要一个可见字符。
edit.error.control_characters = 名称不能包含控制字符（如换行符或制表符）。
edit.error.hidden_character = 名称不能包含不可见字符 {code}：它可能打乱或隐藏周围的文字。
edit.error.duplicate_source = 已有名为“{name}”的来源；来源名称不能重复。
edit.error.first_stage = 该阶段已经是第一个。
edit.error.last_stage = 该阶段已经是最后一个。
action.error.no_variant = 没有方案 {variant}。
action.error.plan_a = 方案 A 不能删除：其他方案都与它比较。
action.error.too_many_variants = 页面最多保留 {most} 个方案。
rate.error.bad_number = “{number}”不是数字：只用一个小数点（12.5 或 12,5），不要用千位分隔符。
rate.error.above_hundred = 转化率不能超过 100%（这里读作 {percent}%）。1 及以上的数字表示百分比，小于 1 的表示比例：20 和 0.2 都表示 20%，1 表示 1%。
rate.error.range_order_values = 区间的起点高于终点（{low}% 到 {high}%）：请先写较小的一端，例如 15-25%。
rate.error.count_not_whole = 计数须为不带分隔符的整数（例如 180 中 42），而不是“{count}”。
rate.error.too_many_tries = 计数最多 {most} 次；更多时请直接输入转化率（例如 23.3%）。
rate.error.law_two_numbers = {form}(..) 需要两个用逗号分隔的数字，用小数点，例如 {form}(2.5, 7)。
rate.error.law_not_a_number = {form}(..)：“{raw}”不是数字（小数请用小数点）。
rate.error.beta_parameter = beta(..)：{name} 必须大于 0 且不超过 1,000,000,000，当前为 {value}。
rate.error.uniform_end = uniform(..)：{name} 必须是 0 到 1 之间的比例（0.25 表示 25%），当前为 {value}。
editor.stage.conversion.hint = 20 和 0.2 都表示 20%；1 表示 1%（确定转化请输入 100%）。
structure.unknown_key = 场景格式在此处没有键“{key}”；可用的键为 {allowed}
structure.missing_key = 此处需要键“{key}”
structure.wrong_type = 此处应为{expected}
structure.unknown_kind = “{key}”不是此处允许的类型；可用类型为 {allowed}
structure.one_kind = 此处的对象必须恰好指定一种类型，可选 {allowed}
structure.expected.object = 对象（{…}）
structure.expected.list = 列表（[…]）
structure.expected.text = 带引号的文本
structure.expected.number = 数字
structure.expected.whole = 整数（不带小数点或指数）
structure.expected.rate = 0 到 1 之间的转化率，或 {"beta": …}、{"uniform": …}
share.broken.too_large = 链接包含的数据超过任何场景所需，未打开。
share.broken.format = 该链接或文件不是 Funnelcast 工作文件（位于 {path}）。
chart.funnel.losses.both = 流失线索最多的阶段是“{stage}”：约 {count} 条（占进入者的 {share}）。按比例最弱的阶段是“{weakest}”，流失了到达者的 {weakest_share}。
chart.funnel.losses.same = 流失线索最多的阶段是“{stage}”：约 {count} 条（占进入者的 {share}），也是流失比例最高的阶段。
results.cost_per_customer.help = 各次模拟“成本 ÷ 客户数”的平均值。预期：预期线索成本 ÷ 预期客户数。
table.open_stage = 阶段中未决
table.open_nurture = 培育中
table.open_stage.help = 到预测期末仍在该阶段决策中的线索：赢单率 = 转化数 ÷（进入数 − 阶段中未决）。
table.open_nurture.help = 到预测期末仍在该阶段培育中等待的线索；它们已决策且未通过，因此计为已决策。
chart.time_to_purchase.y_mean = 每次模拟中等待该天数的客户数（平均）
validation.page.probability = 必须在 0% 到 100% 之间，当前为 {percent}
field.stage = 阶段 {number}
field.source = 来源 {number}
# What a variant changes from plan A (app_model::changes, explain::change_sentence).
diff.name = 名称为“{b}”，而非“{a}”。
diff.horizon = 预测周期为 {b}，而非 {a}。
diff.order = 阶段顺序为 {b}，而非 {a}。
diff.stage_added = 新阶段“{stage}”：转化率 {rate}，{delay}内决策。
diff.stage_removed = 没有阶段“{stage}”（A 中转化率为 {rate}）。
diff.stage_renamed = 阶段“{a}”改名为“{b}”。
diff.conversion = “{stage}”的转化率为 {b}，而非 {a}。
diff.delay = “{stage}”在 {b}内决策，而非 {a}。
diff.value = “{stage}”每次转化价值 {b}，而非 {a}。
diff.stage_field = “{stage}”：{field}为 {b}，而非 {a}。
diff.nurture_added = “{stage}”将 {share} 的流失线索培育 {delay}；{reentry} 回到“{to}”。
diff.nurture_removed = “{stage}”没有培育循环（A 中有）。
diff.source_added = 新来源“{source}”：{volume}进入“{entry}”。
diff.source_removed = 没有来源“{source}”（A 中为{volume}）。
diff.volume = “{source}”为{b}，而非{a}。
diff.entry = “{source}”的线索进入“{b}”，而非“{a}”。
diff.source_field = “{source}”：{field}为 {b}，而非 {a}。
diff.retention_added = 客户会复购：{delay}后有 {repeat} 的机会，最多 {max} 次。
diff.retention_removed = 没有复购（A 中有）。
diff.retention_field = 复购：{field}为 {b}，而非 {a}。
delay.words.fixed = 正好 {days}
delay.words.uniform = {min} 到 {days}
delay.words.mean = 约 {days}（{law}）
delay.words.law.exponential = 多数很快决策
delay.words.law.lognormal = 少数决策很慢
delay.words.law.gamma = 几天后达到高峰
value.words.none = 无
value.words.uniform = {low} 到 {high}
value.words.lognormal = 约 {mean}（波动 {sd}）
arrivals.words.poisson = 每天约 {n} 条线索
arrivals.words.fixed = 每天正好 {n} 条线索
app.title = Funnelcast：销售漏斗预测
lever.value.volume = 每天 {n} 条线索
goal.apply.here = 应用到当前方案
goal.apply.variant = 作为新方案应用
goal.applied = 已应用：{lever} 为 {value}。可用“撤销”恢复。
experiment.from_variant = 从该方案的改动出发：{change}。
experiment.variant_change = 所改阶段的 {points} 个百分点
validation.page.no_stages = 场景还没有阶段：请用阶段列表下方的“添加阶段”添加一个。
# Issue 11, items 15, 18, 19 (helper data): the tornado's metric and steps, the value per conversion, profit
sensitivity.metric = 杠杆排序依据
sensitivity.metric.revenue = 营收
sensitivity.metric.profit = 利润
sensitivity.metric.customers = 客户数
sensitivity.metric.cost_per_customer = 单个客户成本
sensitivity.axis.revenue = 平均营收的变化（{unit}）
sensitivity.axis.profit = 平均利润的变化（{unit}）
sensitivity.axis.customers = 平均客户数的变化（每次模拟的客户数）
sensitivity.axis.cost_per_customer = 平均单个客户成本的变化（{unit}）
sensitivity.unit.money = 货币单位
sensitivity.title.profit = 各个杠杆对利润的影响
sensitivity.title.customers = 各个杠杆对客户数的影响
sensitivity.title.cost_per_customer = 各个杠杆对单个客户成本的影响
sensitivity.step.points = +{n} 个百分点
sensitivity.step.relative = 转化率 +{n}%
sensitivity.step.dropoff = 流失 −{n}%
sensitivity.step.delay = −{n}%
sensitivity.step.volume = +{n}%
sensitivity.step.cost = −{n}%
sensitivity.lever.with_step = {lever}（{step}）
sensitivity.action.conversion = 把“{stage}”的转化率从 {from} 提高到 {to}
sensitivity.action.delay = 把“{stage}”的决策时长从 {from} 缩短到 {to}
sensitivity.action.reentry = 把“{stage}”的培育回流率从 {from} 提高到 {to}
sensitivity.action.volume = 把“{source}”的线索量从每天 {from} 条增加到 {to} 条
sensitivity.action.cost = 把“{source}”的单条线索成本从 {from} 降到 {to}
sensitivity.action.repeat = 把复购概率从 {from} 提高到 {to}
sensitivity.best.revenue = {action}，可在{period}内增加约 {amount} 营收（{percent}），超过任何其他单项调整。
sensitivity.best.profit = {action}，可在{period}内增加约 {amount} 利润（{percent}），超过任何其他单项调整。
sensitivity.best.customers[other] = {action}，可在{period}内增加约 {n} 位客户（{percent}），超过任何其他单项调整。
sensitivity.best.cost_per_customer = {action}，可使单个客户成本降低约 {amount}（{percent}），超过任何其他单项调整。
editor.stage.value.fixed_shown = 每次转化价值 {amount}
editor.stage.value.uniform_shown = 每次转化价值 {low} 至 {high}
editor.stage.value.lognormal_shown = 每次转化平均价值 {mean}
# Issue 11, items 21-22 (accessibility): the charts' text alternatives, names of unlabelled controls
chart.text.empty = 图表没有可显示的数据。
chart.text.spread = 中位数 {median}，90% 的模拟结果在 {low} 至 {high} 之间
chart.text.funnel = 各阶段的线索数（各次模拟的平均值）：{stages}。
chart.text.funnel.stage = “{stage}”：进入 {entered}，转化 {converted}（{conversion}）
chart.text.revenue_over_time = 按天累计的营收：{points}。
chart.text.revenue_over_time.at = {days}后，{spread}
chart.text.revenue_distribution = {days}内的总营收：中位数 {median}；一半的模拟结果在 {p25} 至 {p75} 之间，90% 在 {p5} 至 {p95} 之间。
chart.text.revenue_distribution.target = {percent} 的模拟结果达到 {target} 的目标。
chart.text.days_to_purchase = 从线索到达到首次购买的天数（每次模拟约 {customers} 位客户）：中位数 {median}，平均 {mean}，90% 的客户在 {low} 至 {high} 之间。
chart.text.days_to_purchase.none = 在预测周期内没有线索成为客户，因此没有等待时间可显示。
chart.text.tornado = 单独将一个杠杆改善或变差一个步长时营收的变化：{levers}。
chart.text.tornado.lever = {lever}：改善时 {better}，变差时 {worse}
chart.text.compare.plan = {plan}：{spread}
chart.text.compare.revenue = 各方案的总营收：{plans}。
chart.text.compare.over_time = 各方案 {days}内的累计营收：{plans}。
chart.text.difference = 同一批模拟中 {b} 减去 {a} 的营收：平均 {mean}，90% 的模拟结果在 {low} 至 {high} 之间；{b} 在 {percent} 的模拟中领先。
experiment.uplift.kind = 提升的衡量方式

# Issue 11, items 12, 13, 14 and 20 (layout): the difference chart's legend, the overlaid
# histogram's axis, the narrow screen's way to the editor.
chart.compare.difference.ahead = {b} 领先的模拟
chart.compare.difference.even = 无差异的模拟
chart.compare.revenue_histogram.y = 每 {width} 营收的模拟占比
results.to_editor = 编辑场景 ↓
chart.text.tornado.metric = {what}（单独将一个杠杆改善或变差一个步长时）：{levers}。
results.se = ± {value}
results.se.help = 均值的蒙特卡洛标准误：各次模拟的标准差除以模拟次数的平方根。模拟次数越多，误差越小。
# Time to lose (issue 12): a stage's own delay for the leads that drop out
editor.stage.lost_delay = 流失时长
editor.stage.lost_delay.same = 与决策时长相同
editor.stage.lost_delay.help = 不会转化的线索多少天后流失：爽约往往几天内就能确定，而合同要几周才能签下。默认与决策时长相同。
editor.stage.lost_delay.mean_shown = 平均{days}后流失

# Runs: automatic (issue 12, precision)
validation.what.precision = 精度
runs.mode.label = 模拟次数设定
runs.mode.help = 固定的模拟次数，或一直模拟到收入的均值、p5 和 p95 达到所选的模拟误差为止（模拟越多，误差越小）
runs.mode.fixed = 固定次数
runs.mode.automatic = 自动：±{precision}
runs.precision.out_of_range = 精度必须大于 0% 且不超过 {max}。
runs.automatic.reached = 自动确定模拟次数：收入的均值、p5 和 p95 误差为 ±{error}（要求 ±{asked}）
runs.automatic.not_reached = 自动确定模拟次数：在 {runs} 次模拟内未达到 ±{asked}（目前 ±{error}）；请放宽精度
results.range.precision = 区间的模拟误差：p5 介于 {p5_low} 与 {p5_high} 之间，p95 介于 {p95_low} 与 {p95_high} 之间（由各次模拟得出的 95% 区间；模拟越多，区间越窄）

# Figures per channel (issue 12): the per-channel table, its chart and the cheapest source.
channels.heading = 按来源
channels.source = 来源
channels.leads = 线索
channels.cost = 线索成本
channels.customers = 客户
channels.purchases = 购买
channels.revenue = 收入
channels.cost_per_customer = 获客成本
channels.return_on_spend = 投入回报
channels.no_customer = 无客户
channels.no_cost = 无成本
channels.sort = 按“{column}”排序
channels.help = 每个数字是各次模拟的平均值，下方是 90% 的模拟所落入的范围。客户及其所有购买都归属于其线索的来源。
chart.channels.title = 各来源的获客成本
chart.channels.x = 获客成本（{currency}）
chart.channels.y = 来源
chart.channels.bars = 各次模拟的平均值
chart.channels.range = 90% 的模拟
chart.channels.cheapest = 获客成本最低
chart.channels.no_customers = 任何一次模拟都没有客户
chart.channels.hover = {source}：每位客户 {mean} · 90% 的模拟：{low} 至 {high} · 客户 {customers}
chart.text.channels = 各来源的获客成本（各次模拟的平均值）：{sources}。
chart.text.channels.source = “{source}”：{mean}（90% 的模拟在 {low} 至 {high} 之间）
chart.text.channels.cheapest = “{source}”，最低：{mean}（90% 的模拟在 {low} 至 {high} 之间）
chart.text.channels.none = “{source}”：任何一次模拟都没有客户
explain.channels.name = “{name}”
explain.channels.and = {first}和{last}
explain.channels.separator = 、
explain.channels.cheapest = 获客成本最低的来源是{source}：平均每位客户 {cost}，而{next}为 {next_cost}。
explain.channels.tie = 获客成本最低的来源是{sources}：平均每位客户各 {cost}。
explain.channels.only = 只有{source}带来客户：平均每位客户 {cost}。
explain.channels.one = 所有客户都来自{source}：平均每位客户 {cost}。
explain.channels.none = 在这些模拟中，没有任何来源带来客户。
explain.channels.without = {sources}在任何一次模拟中都没有带来客户。
explain.channels.then = {first}{second}
channels.range = {low}–{high}
# Issue 12, the app's size: the Russian and Chinese texts are fetched when first chosen
language.unavailable = 无法加载「{language}」文本（{error}），页面语言保持不变。
# Issue 14, the teaching view: a lead's journey in words, and the lessons said as the days pass
teach.step.separator = " · "
teach.step.entered = 第 {day} 天：进入「{stage}」
teach.step.advanced = 第 {day} 天：通过「{stage}」
teach.step.purchased = 第 {day} 天：购买
teach.step.purchased_for = 第 {day} 天：购买 {value}
teach.step.lost = 第 {day} 天：在「{stage}」流失
teach.step.nurture = 第 {day} 天：进入培育
teach.step.returned = 第 {day} 天：回到「{stage}」
teach.step.repeat = 第 {day} 天：再次购买
teach.step.repeat_for = 第 {day} 天：再次购买 {value}
teach.step.open = 第 {day} 天：仍在「{stage}」
teach.lesson.most_lost[other] = 到目前为止，「{stage}」流失的潜在客户最多：{count} 个。
teach.lesson.rates_open[other] = 「{stage}」：已结束的潜在客户中转化了 {closed}，所有进入者中转化了 {entered}。还有 {open} 个仍在决定：先结束的是快速的决定，所以前一个比例高于真实值，后一个低于真实值。
teach.lesson.rates_closed = 「{stage}」：转化了 {rate}；所有人都已决定，两个比例一致。
teach.lesson.rates_none_closed[other] = 「{stage}」：还没有人做出决定；{open} 个仍在决定。
