# Funnelcast, русский. Ключи те же и в том же порядке, что в en.ftl.
# Формы множественного числа по CLDR: one (1, 21, 101), few (2–4, 22–24), many (5–20, 25–30, 11–14),
# other (дробные: 1,5 дня).

# ── Приложение ───────────────────────────────────────────────────────────────────────────
app.name = Funnelcast
app.tagline = Что принесёт ваша воронка продаж: прогноз методом Монте-Карло с честным разбросом
app.loading = Загрузка Funnelcast…
app.error.unexpected = Что-то пошло не так: {message}. Сценарий сохранён — перезагрузите страницу, чтобы продолжить.

# ── Шапка: язык, валюта и основные действия ────────────────────────────────────────────────
header.language = Язык
header.language.hint = Язык приложения. Числа, суммы и сроки тоже записываются по его правилам.
header.currency = Валюта
header.currency.hint = Валюта, в которой показываются денежные суммы. Меняется только знак, не сами суммы.
currency.usd = Доллар США ($)
currency.eur = Евро (€)
currency.gbp = Фунт стерлингов (£)
currency.rub = Российский рубль (₽)
currency.cny = Китайский юань (¥)
currency.none = Без валюты
header.menu = Меню
header.presets = Шаблоны
header.undo = Отменить
header.redo = Повторить
header.share = Ссылка
header.import = Импорт JSON
header.export = Экспорт
header.help = Справка

# ── Меню шаблонов ────────────────────────────────────────────────────────────────────────
presets.heading = Начать с шаблона
presets.hint = Типовые воронки из практики. Шаблон заменяет текущий сценарий; это можно отменить.
presets.load = Открыть
presets.loaded = Открыт шаблон «{name}».
presets.confirm_replace = Заменить «{current}» шаблоном «{name}»? Это можно отменить.
presets.new_empty = Пустой сценарий
presets.new_empty.description = Ни этапов, ни источников: постройте свою воронку с нуля.

# ── Сводка сценария (только чтение) ─────────────────────────────────────────────────────────
scenario.heading = Сценарий
scenario.name = Название сценария
scenario.name.placeholder = Моя воронка
scenario.description = Описание
scenario.description.placeholder = Одна строка о том, для чего эта воронка
scenario.untitled = Сценарий без названия
scenario.horizon = Горизонт
scenario.sources = Источники лидов
scenario.stages = Этапы
scenario.repeat_purchases = Повторные покупки
scenario.source.poisson = около {rate} лидов в день на этап «{stage}»
scenario.source.fixed[one] = {n} лид в день на этап «{stage}»
scenario.source.fixed[few] = {n} лида в день на этап «{stage}»
scenario.source.fixed[many] = {n} лидов в день на этап «{stage}»
scenario.source.fixed[other] = {n} лида в день на этап «{stage}»
scenario.source.days = с {from}-го по {to}-й день
scenario.source.from_day = с {day}-го дня
scenario.source.cost = {cost} за лид
scenario.stage.converts = конверсия {rate}
scenario.stage.decides = решение {delay}
scenario.stage.worth = каждая конверсия приносит {value}
scenario.stage.nurture = {share} потерянных лидов идут на прогрев, {reentry} из них возвращаются на этап «{stage}»
scenario.retention = {share} клиентов покупают снова, до {count} раз, {delay}
scenario.rate.about = около {rate}
scenario.rate.range = от {low} до {high}
scenario.delay.fixed = через {days}
scenario.delay.uniform = через {min}–{max}
scenario.delay.mean = в среднем через {days}
scenario.delay.median = через {days} (медиана)
scenario.value.range = от {low} до {high}
scenario.value.mean = в среднем {amount}
scenario.list_separator = ", "
scenario.clause_separator = "; "

# ── Редактор: параметры сценария ────────────────────────────────────────────────────────────
editor.heading = Настройка воронки
editor.settings.heading = Параметры прогноза
editor.horizon = Горизонт (дней)
editor.horizon.help = На сколько дней строится прогноз, считая от прихода первого лида. Более поздние события не учитываются.
editor.runs = Число прогонов
editor.runs.help = Сколько раз моделируется воронка. Чем больше прогонов, тем устойчивее цифры и диапазоны, но тем дольше расчёт; для начала хватит 1 000.
editor.seed = Зерно генератора
editor.seed.help = Начальное значение для случайных чисел. Один и тот же сценарий, число прогонов и зерно всегда дают один и тот же прогноз; смените зерно, чтобы увидеть другую выборку.
editor.seed.randomize = Новое зерно
editor.field.required = Обязательно
editor.field.optional = Необязательно
editor.field.invalid_number = Введите число, например {example}.
editor.field.invalid_whole_number = Введите целое число, например {example}.
editor.field.at_least = Введите число не меньше {min}.
editor.field.between = Введите число от {min} до {max}.
editor.apply = Применить
editor.reset = Сбросить
editor.more = Дополнительно
editor.less = Свернуть

# ── Редактор: этапы ────────────────────────────────────────────────────────────────────
editor.stages.heading = Этапы
editor.stages.help = Лиды проходят этапы по порядку. На каждом часть конвертируется и идёт дальше, остальные теряются, если их не вернёт прогрев.
editor.stages.empty = Этапов пока нет. Добавьте первый шаг воронки.
editor.stage.add = Добавить этап
editor.stage.remove = Удалить этап
editor.stage.move_up = Выше
editor.stage.move_down = Ниже
editor.stage.rename = Переименовать
editor.stage.default_name = Этап {number}
editor.stage.name = Название этапа
editor.stage.name.help = Короткое название, не повторяющее другие этапы, например «Пробный период» или «КП отправлено».
editor.stage.name.duplicate = Этап «{name}» уже есть; названия этапов не должны повторяться.
editor.stage.name.empty = У этапа должно быть название.
editor.stage.number = Этап {number} из {count}
editor.stage.remove_blocked[one] = Этап «{stage}» нельзя удалить: на него ссылается {references}. Сначала измените это.
editor.stage.remove_blocked[few] = Этап «{stage}» нельзя удалить: на него ссылаются {references}. Сначала измените их.
editor.stage.remove_blocked[many] = Этап «{stage}» нельзя удалить: на него ссылаются {references}. Сначала измените их.
editor.stage.remove_blocked[other] = Этап «{stage}» нельзя удалить: на него ссылаются {references}. Сначала измените их.
editor.stage.referenced_by_source = источник «{source}»
editor.stage.referenced_by_nurture = прогрев этапа «{stage}»
editor.stage.remove_confirm = Удалить этап «{stage}»? Это можно отменить.
editor.stage.removed = Этап «{stage}» удалён.
editor.stage.rename_updates[one] = Вместе с названием обновится {n} ссылка на этот этап.
editor.stage.rename_updates[few] = Вместе с названием обновятся {n} ссылки на этот этап.
editor.stage.rename_updates[many] = Вместе с названием обновятся {n} ссылок на этот этап.
editor.stage.rename_updates[other] = Вместе с названием обновятся {n} ссылки на этот этап.

# Конверсия
editor.stage.conversion = Конверсия
editor.stage.conversion.help = Доля лидов, вошедших на этап, которая переходит на следующий. Введите точное значение (25%), диапазон, в котором она, по-вашему, лежит (15-25%), или наблюдаемые данные (наблюдали 42 из 180).
editor.stage.conversion.placeholder = 25%, 15-25% или наблюдали 42 из 180
editor.stage.conversion.kind = Конверсия
editor.stage.conversion.kind.fixed = Известное значение
editor.stage.conversion.kind.range = Диапазон
editor.stage.conversion.kind.observed = По наблюдениям
editor.stage.conversion.fixed.hint = Например, 25% или 0,25
editor.stage.conversion.range.hint = Например, 15-25%: любое значение из диапазона равновероятно
editor.stage.conversion.observed.hint = Например, «наблюдали 42 из 180»: из 180 лидов конвертировались 42
editor.stage.conversion.observed.successes = Конвертировались
editor.stage.conversion.observed.trials = Из
editor.stage.conversion.summary = в среднем {mean}, 90% диапазон: от {low} до {high}
editor.stage.conversion.summary.fixed = ровно {rate} в каждом прогоне
editor.stage.conversion.uncertain_note = Неточная конверсия разыгрывается один раз на прогон, поэтому разброс прогноза учитывает и вашу неуверенность в ней.
editor.stage.conversion.slider = Изменить конверсию
rate.error.unreadable = Введите конверсию, например 25% или 0,25, диапазон, например 15-25%, или «наблюдали 42 из 180».
rate.error.out_of_range = Конверсия должна быть от 0% до 100%.
rate.error.range_order = Диапазон записывается от меньшего к большему, например 15-25%.
rate.error.observed_too_many = Конвертировавшихся ({successes}) не может быть больше, чем наблюдённых ({trials}).
rate.error.observed_empty = Чтобы оценить конверсию, нужен хотя бы один наблюдённый лид.
rate.input.observed = наблюдали {successes} из {trials}

# Задержка
editor.stage.delay = Время на решение
editor.stage.delay.help = Сколько дней лид проводит на этапе, прежде чем конвертироваться или отвалиться.
editor.stage.delay.law = Распределение
editor.stage.delay.mean_shown = в среднем {days}
delay.law.fixed = Фиксированное число дней
delay.law.uniform = Равномерно между двумя значениями
delay.law.exponential = Экспоненциальное (многие решают сразу)
delay.law.lognormal = Логнормальное (длинный хвост медленных)
delay.law.gamma = Гамма (пик через несколько дней)
delay.days = Дней
delay.min = От (дней)
delay.max = До (дней)
delay.mean = Среднее (дней)
delay.median = Медиана (дней)
delay.sigma = Разброс (сигма)
delay.sigma.help = Стандартное отклонение логарифма задержки: 0,5 — умеренный разброс, 1 — широкий.
delay.shape = Форма
delay.shape.help = 1 — экспоненциальное распределение; чем больше значение, тем позже и уже пик.
delay.scale = Масштаб (дней)
delay.rounding_note = Задержки считаются в целых днях; непрерывные задержки округляются до ближайшего дня.

# Ценность
editor.stage.value = Выручка с конверсии
editor.stage.value.help = Выручка, которую приносит каждая конверсия на этом этапе; обычно задаётся только для последнего этапа.
editor.stage.value.none = Без выручки на этом этапе
value.law.fixed = Фиксированная сумма
value.law.uniform = Равномерно между двумя суммами
value.law.lognormal = Колеблется вокруг среднего (логнормально)
value.amount = Сумма
value.low = От
value.high = До
value.mean = Среднее
value.sd = Стандартное отклонение
value.sd.help = Насколько сумма одного заказа отклоняется от среднего.

# Прогрев
editor.stage.nurture = Прогрев
editor.stage.nurture.help = Часть неконвертировавшихся лидов прогревают (письма, звонки, напоминания), и некоторые из них позже возвращаются на один из этапов.
editor.stage.nurture.enable = Прогревать потерянных здесь лидов
editor.stage.nurture.remove = Убрать прогрев
nurture.share = Доля на прогреве
nurture.share.help = Доля потерянных на этом этапе лидов, которые попадают в прогрев.
nurture.delay = Длительность прогрева
nurture.delay.help = Сколько длится прогрев, прежде чем лид вернётся или будет потерян окончательно.
nurture.reentry = Доля вернувшихся
nurture.reentry.help = Доля прогретых лидов, которые возвращаются в воронку.
nurture.to = Возвращаются на этап
nurture.to.help = Этап, на который возвращаются лиды (этот или один из предыдущих).
nurture.max_cycles = Не больше (циклов)
nurture.max_cycles.help = Сколько раз один лид может пройти прогрев.

# ── Редактор: источники ──────────────────────────────────────────────────────────────────
editor.sources.heading = Источники лидов
editor.sources.help = Каналы, которые приводят лидов в воронку, каждый на свой этап.
editor.sources.empty = Источников пока нет. Добавьте канал, который приводит лидов.
editor.source.add = Добавить источник
editor.source.remove = Удалить источник
editor.source.move_up = Выше
editor.source.move_down = Ниже
editor.source.default_name = Источник {number}
editor.source.name = Название источника
editor.source.name.help = Канал, например «Контекстная реклама» или «Партнёры».
editor.source.entry = Входят на этап
editor.source.entry.help = Этап, с которого начинают лиды из этого источника.
editor.source.per_day = Лидов в день
editor.source.per_day.help = Сколько лидов приходит в каждый активный день.
editor.source.arrivals = Поток
editor.source.arrivals.poisson = Колеблется вокруг среднего (Пуассон)
editor.source.arrivals.fixed = Ровно столько
editor.source.start_day = Первый день
editor.source.start_day.help = День, с которого источник начинает приводить лидов; день 0 — начало прогноза.
editor.source.end_day = Останавливается в день
editor.source.end_day.help = Первый день без лидов из этого источника. Оставьте пустым, чтобы источник работал до конца горизонта.
editor.source.end_day.none = До конца горизонта
editor.source.cost_per_lead = Цена лида
editor.source.cost_per_lead.help = Сколько стоит один лид из этого источника — для расходов и окупаемости.
editor.source.remove_confirm = Удалить источник «{source}»? Это можно отменить.

# ── Редактор: повторные покупки ─────────────────────────────────────────────────────────────
editor.retention.heading = Повторные покупки
editor.retention.help = После первой покупки клиенты могут покупать снова.
editor.retention.enable = Клиенты покупают повторно
editor.retention.remove = Без повторных покупок
retention.repeat = Вероятность повторной покупки
retention.repeat.help = Вероятность того, что клиент совершит каждую следующую покупку.
retention.delay = Время между покупками
retention.value = Сумма повторной покупки
retention.value.same_as_last = Как у последнего этапа
retention.max_repeats = Не больше (повторных покупок)
retention.max_repeats.help = Сколько покупок клиент может сделать после первой.

# ── Проверка и устаревшие результаты ─────────────────────────────────────────────────────────
validation.heading = Этот сценарий нельзя смоделировать:
validation.count[one] = Нужно исправить {n} ошибку
validation.count[few] = Нужно исправить {n} ошибки
validation.count[many] = Нужно исправить {n} ошибок
validation.count[other] = Нужно исправить {n} ошибки
validation.field = {field}: {message}
validation.stale = Цифры ниже — по последнему корректному сценарию. Исправьте отмеченные поля, чтобы обновить их.
validation.stale.badge = Устарело
validation.go_to_field = Перейти к полю
# Сообщения проверки сценария (английские тексты служат образцами, см. src/i18n/validation.rs).
validation.rule.probability = должно быть от 0 до 1 (это доля: 0,25 означает 25%), а не {value}
validation.rule.at_least_zero = «{what}» должно быть числом не меньше 0, а не {value}
validation.rule.at_most = «{what}» должно быть не больше {max}, а не {value}
validation.rule.positive = «{what}» должно быть больше 0, а не {value}
validation.rule.whole_range = «{what}» должно быть целым числом от {min} до {max}, а не {value}
validation.rule.low_high = нижняя граница ({low}) не может быть больше верхней ({high})
validation.rule.min_max = минимум ({min}) не может быть больше максимума ({max})
validation.rule.no_stages = в сценарии должен быть хотя бы один этап
validation.rule.stage_name = у этапа должно быть название
validation.rule.source_name = у источника должно быть название
validation.rule.control_characters = название не может содержать управляющие символы (например, перевод строки или табуляцию)
validation.rule.duplicate_stage = название «{name}» уже используется в stages[{index}]; названия этапов не должны повторяться
validation.rule.unknown_stage = этапа «{name}» нет; есть этапы: {stages}
validation.rule.end_before_start = end_day ({end}) должен быть больше start_day ({start}): источник работает со start_day включительно до end_day, не включая его
validation.rule.too_many_paths = циклы прогрева и повторные покупки дают {paths} различных путей — больше, чем {most}, которые можно проследить на горизонте {days} дн.; уменьшите max_cycles прогрева или retention.max_repeats (или горизонт)
validation.what.alpha = альфа
validation.what.beta = бета
validation.what.a-delay-in-days = задержка в днях
validation.what.min = минимум
validation.what.max = максимум
validation.what.mean = среднее
validation.what.median = медиана
validation.what.sigma = сигма
validation.what.shape = форма
validation.what.scale = масштаб
validation.what.a-value = сумма
validation.what.low = нижняя граница
validation.what.high = верхняя граница
validation.what.sd = стандартное отклонение
validation.what.horizon-days = горизонт (дней)
validation.what.max-cycles = число циклов
validation.what.leads-per-day = лидов в день
validation.what.start-day = первый день
validation.what.end-day = день остановки
validation.what.cost-per-lead = цена лида
validation.what.max-repeats = число повторных покупок
validation.what.runs = число прогонов
validation.paths.too_many = слишком много

# ── Ход расчёта и отмена ───────────────────────────────────────────────────────────────
progress.simulating[one] = Моделируется {n} прогон…
progress.simulating[few] = Моделируются {n} прогона…
progress.simulating[many] = Моделируются {n} прогонов…
progress.simulating[other] = Моделируются {n} прогона…
progress.done_of = {done} из {total} прогонов
progress.percent = Готово: {percent}
progress.cancel = Отменить
progress.cancelled = Отменено после {done} из {total} прогонов. Цифры ниже — только по завершённым прогонам.
progress.cancelled.nothing = Отменено до завершения первого прогона. Показать пока нечего.
progress.workers[one] = в {n} потоке
progress.workers[few] = в {n} потоках
progress.workers[many] = в {n} потоках
progress.workers[other] = в {n} потока
progress.rerun = Пересчитать

# ── Результаты: главные цифры ─────────────────────────────────────────────────────────────
results.heading = Прогноз
results.leads = Лиды
results.customers = Клиенты
results.purchases = Покупки
results.revenue = Выручка
results.cost = Расходы на лиды
results.cost_per_customer = Стоимость привлечения клиента
results.return_on_spend = Окупаемость расходов
results.return_on_spend.help = Выручка, делённая на расходы на лиды: 3× значит, что каждый вложенный в лиды рубль возвращается тремя рублями выручки.
results.return_on_spend.value = {ratio}×
results.profit = Прибыль
results.profit.help = Выручка минус расходы на лиды.
results.overall_conversion = Конверсия из лида в клиента
results.range = В 90% прогонов: от {low} до {high}
results.range.help = В 90 из 100 прогонов значение попало в этот диапазон (от 5-го до 95-го процентиля).
results.expected = Ожидание: {value}
results.expected.help = Точное математическое ожидание, рассчитанное без моделирования. Среднее по прогонам должно быть близко к нему; с ростом числа прогонов разница уменьшается.
results.mean = Среднее
results.median = Медиана
results.not_applicable = н/д
results.no_customers = Ни в одном прогоне нет клиентов, поэтому стоимость привлечения клиента не определена.
results.run_summary[one] = {n} прогон на {days}, зерно {seed}
results.run_summary[few] = {n} прогона на {days}, зерно {seed}
results.run_summary[many] = {n} прогонов на {days}, зерно {seed}
results.run_summary[other] = {n} прогона на {days}, зерно {seed}
results.timing = расчёт занял {seconds} с
results.empty = Добавьте источник и этап, чтобы увидеть прогноз.
results.horizon_note = Лиды, которые к концу горизонта ещё не приняли решение, считаются открытыми, а не потерянными.

# ── Графики: общее ───────────────────────────────────────────────────────────────────────
chart.band.outer = 90% прогонов (от p5 до p95)
chart.band.inner = 50% прогонов (от p25 до p75)
chart.median = Медиана
chart.mean = Среднее
chart.expected = Ожидание
chart.day = День
chart.days = Дни
chart.share_of_runs = Доля прогонов
chart.runs = Прогоны
chart.axis.money = {title}, {currency}
chart.download_png = Сохранить как PNG
chart.hover.day = День {day}
chart.hover.band = медиана {median}, 90% прогонов: от {low} до {high}
chart.hover.bin = от {low} до {high}: {share} прогонов
chart.error.no_days = В прогнозе нет ни одного дня для графика.
chart.error.not_finite = Ряд «{series}» не является конечным числом в день {day}.
chart.error.drawing = Не удалось нарисовать график: {message}
chart.error.no_room = На странице нет места для графика.
chart.error.no_canvas = Этот браузер не умеет рисовать на canvas.

# Воронка
chart.funnel.title = Воронка: лиды на входе каждого этапа
chart.funnel.x = Этап
chart.funnel.y = Вошло лидов
chart.funnel.range = 90% прогонов
chart.funnel.step_conversion = дальше проходят {rate}
chart.funnel.biggest_loss = Наибольшие потери
chart.funnel.reentries = +{count} вернулись с прогрева
chart.funnel.reentries.legend = Возвраты с прогрева
chart.funnel.aria = Столбчатая диаграмма: сколько лидов входит на каждый этап и какая доля проходит на следующий.

# Выручка во времени
chart.revenue_over_time.title = Выручка во времени
chart.revenue_over_time.x = День
chart.revenue_over_time.y = Накопленная выручка
chart.revenue_over_time.caption = Накопленная выручка по дням. Линия — медианный прогон, полосы охватывают средние 50% и 90% прогонов.
chart.revenue_over_time.aria = Веерная диаграмма накопленной выручки по дням: медианный прогон и диапазоны, в которые попадают 50% и 90% прогонов.

# Распределение выручки
chart.revenue_histogram.title = Распределение общей выручки
chart.revenue_histogram.x = Общая выручка за горизонт
chart.revenue_histogram.y = Доля прогонов
chart.revenue_histogram.target = Цель: {amount}
chart.revenue_histogram.target.input = Целевая выручка
chart.revenue_histogram.target.placeholder = Необязательно
chart.revenue_histogram.probability = Вероятность достичь цели: {percent}
chart.revenue_histogram.probability.short = P(выручка ≥ цели)
chart.revenue_histogram.aria = Гистограмма общей выручки по прогонам с линией цели, если она задана.

# Время до первой покупки
chart.time_to_purchase.title = Время до первой покупки
chart.time_to_purchase.x = Дней от первого контакта до первой покупки
chart.time_to_purchase.y = Доля клиентов
chart.time_to_purchase.median = Медиана: {days}
chart.time_to_purchase.empty = Ни в одном прогоне нет покупок.
chart.time_to_purchase.aria = Гистограмма числа дней от первого контакта лида до его первой покупки.

# Торнадо (чувствительность)
chart.tornado.title = Как каждый рычаг влияет на выручку
chart.tornado.x = Изменение средней выручки
chart.tornado.improved = Рычаг улучшен
chart.tornado.worsened = Рычаг ухудшен
chart.tornado.interval = 90% интервал
chart.tornado.aria = Диаграмма «торнадо»: изменение средней выручки от каждого рычага, сверху — самый сильный; в обе стороны.

# Сравнение вариантов
chart.compare.revenue_histogram.title = Общая выручка по вариантам
chart.compare.revenue_over_time.title = Накопленная выручка по вариантам
chart.compare.difference.title = Разница в выручке: {b} минус {a}
chart.compare.difference.x = Разница в выручке за прогон, {b} − {a}
chart.compare.difference.y = Доля прогонов
chart.compare.difference.zero = Нет разницы
chart.compare.difference.interval = 90% интервал: от {low} до {high}
chart.compare.aria = Наложенные графики вариантов, смоделированных на одних и тех же случайных лидах.

# ── Таблица этапов ───────────────────────────────────────────────────────────────────────
table.heading = По этапам
table.stage = Этап
table.entries = Вошло
table.conversions = Кон­вер­сий
table.conversion = Кон­вер­сия
table.conversion.help = Конверсии, делённые на всех вошедших, включая лидов, которые к концу горизонта ещё не приняли решение.
table.win_rate = Доля вы­иг­ран­ных (сре­ди за­кры­тых)
table.win_rate.help = Конверсии, делённые на лидов, которые к концу горизонта приняли решение (конвертировались или отвалились).
table.mean_days = Дней на эта­пе (сред­нее)
table.lost = Потеряно
table.explain = Конверсия учитывает всех, кто вошёл на этап, включая тех, кто к концу горизонта ещё не принял решение (таких {open}); доля выигранных — только тех, кто уже решил, поэтому она выше, когда много лидов ещё в работе.
table.total = Итого
table.export_csv = Экспорт таблицы в CSV

# ── Ссылки, сохранение, импорт и экспорт ───────────────────────────────────────────────────
share.button = Скопировать ссылку
share.copied = Ссылка скопирована. Любой, кто её откроет, увидит этот сценарий.
share.copy_failed = Не удалось скопировать ссылку автоматически. Выделите её и скопируйте вручную.
share.link_label = Ссылка на сценарий
share.too_long = Ссылка на этот сценарий очень длинная ({length} символов), некоторые приложения могут её обрезать. Если она не откроется, экспортируйте файл JSON.
share.open.title = Открыть присланный сценарий?
share.open.body = По ссылке — сценарий «{name}». Он заменит сценарий, с которым вы работаете; это можно отменить.
share.open.confirm = Открыть сценарий по ссылке
share.open.keep = Оставить мой сценарий
share.opened = Открыт сценарий по ссылке «{name}».
share.broken.title = Эту ссылку не удаётся открыть
share.broken.damaged = Ссылка повреждена или неполная (возможно, её обрезали при копировании).
share.broken.version = Ссылка создана более новой версией Funnelcast.
share.broken.invalid = В сценарии по ссылке есть ошибки: {reason}
share.broken.nothing_loaded = Ничего не загружено, сохранённая работа не изменилась.
share.broken.dismiss = Закрыть
import.button = Импорт (JSON: работа или сценарий)
import.success = Импортирован сценарий «{name}».
import.failed = Не удалось импортировать {file}: {reason}
import.not_json = Файл не является сценарием в формате JSON.
import.too_large = Файл слишком большой ({size}) для сценария.
import.confirm_replace = Импорт заменит сценарий, с которым вы работаете; это можно отменить.
export.json = Сценарий (JSON)
export.csv_summary = Сводка результатов (CSV)
export.csv_daily = Диапазоны по дням (CSV)
export.png = График в PNG
export.done = Файл {file} сохранён.
export.failed = Не удалось сохранить файл: {reason}
export.csv.column.metric = показатель
export.csv.column.day = день
autosave.saved = Сохранено в этом браузере
autosave.saving = Сохранение…
autosave.restored = Восстановлен сценарий с прошлого визита.
autosave.unavailable = Этот браузер не разрешает сохранение, и работа пропадёт, когда вы уйдёте со страницы. Экспортируйте сценарий, чтобы не потерять его.
autosave.failed = Не удалось сохранить в браузере: {reason}. Экспортируйте сценарий, чтобы не потерять его.
autosave.corrupt = Сохранённый сценарий не удалось прочитать, поэтому загружен сценарий по умолчанию. Нечитаемая копия сохранена отдельно.
history.undo = Отменить
history.redo = Повторить
history.undo.action = Отменить: {action}
history.redo.action = Повторить: {action}
history.nothing_to_undo = Нечего отменять
history.nothing_to_redo = Нечего повторять
history.action.edit = изменение поля «{field}»
history.action.add_stage = добавление этапа
history.action.remove_stage = удаление этапа
history.action.move_stage = перемещение этапа
history.action.rename_stage = переименование этапа
history.action.add_source = добавление источника
history.action.remove_source = удаление источника
history.action.load_preset = загрузка шаблона
history.action.import = импорт
history.action.open_link = открытие ссылки

# ── Переключение языка ─────────────────────────────────────────────────────────────────────
language.label = Язык
language.switch = Переключить на {language}
language.remembered = Выбранный язык запоминается в этом браузере.

# ── A/B-варианты ─────────────────────────────────────────────────────────────────────────
compare.heading = Сравнение планов
compare.duplicate = Создать вариант на основе текущего
compare.duplicate.help = Копия этого сценария, которую можно изменить и сравнить с исходным. Варианты моделируются на одних и тех же случайных лидах, поэтому разница между ними не тонет в шуме.
compare.variant = Вариант {letter}
compare.baseline = {letter} (базовый)
compare.remove_variant = Удалить вариант {letter}
compare.rename_variant = Переименовать вариант
compare.select_variant = Показать вариант
compare.differences.heading = Отличия от A
compare.differences.none = Пока ничем не отличается от A. Измените что-нибудь в этом варианте.
compare.run_all = Рассчитать все варианты
compare.side_by_side = Рядом
compare.metric = Показатель
compare.difference = {b} − {a}
compare.difference.interval = В 90% прогонов: от {low} до {high}
compare.p_beats = Вероятность, что {b} лучше {a}
compare.p_beats.revenue = по выручке
compare.p_beats.customers = по числу клиентов
compare.p_beats.profit = по прибыли
compare.p_beats.cost_per_customer = по стоимости привлечения клиента (меньше — лучше)
compare.p_beats.sentence = {b} лучше {a} {metric} в {percent} прогонов.
compare.identical = Варианты одинаковы, поэтому в каждом прогоне дают один и тот же результат.
compare.coupled_note = Все варианты моделируются на одних и тех же случайных лидах (общие случайные числа), поэтому разница между ними — следствие изменений, а не случайности.
compare.max_variants = Одновременно можно сравнивать не больше {count} вариантов.

# ── Чувствительность: что улучшать в первую очередь ─────────────────────────────────────────
sensitivity.heading = Что улучшать в первую очередь
sensitivity.help = Каждый рычаг меняется отдельно, всё остальное остаётся как есть; расчёт идёт на тех же случайных лидах, что и базовый сценарий.
sensitivity.run = Найти лучший рычаг
sensitivity.running = Перебираем рычаги…
sensitivity.mode = Как менять конверсию
sensitivity.mode.points = +N процентных пунктов
sensitivity.mode.relative = +N% от текущей
sensitivity.mode.dropoff = Сократить отток на N%
sensitivity.step = N
sensitivity.step.help = Величина каждого изменения. Задержки и цена лида снижаются на N%, объём лидов растёт на N%.
sensitivity.lever = Рычаг
sensitivity.lever.conversion = Конверсия этапа «{stage}»
sensitivity.lever.delay = Время на решение на этапе «{stage}»
sensitivity.lever.reentry = Возврат с прогрева на этапе «{stage}»
sensitivity.lever.volume = Лиды из источника «{source}»
sensitivity.lever.cost = Цена лида из источника «{source}»
sensitivity.lever.repeat = Вероятность повторной покупки
sensitivity.change = Изменение
sensitivity.change.from_to = {from} → {to}
sensitivity.revenue_delta = Изменение выручки
sensitivity.customers_delta = Изменение числа клиентов
sensitivity.profit_delta = Изменение прибыли
sensitivity.interval = 90% интервал
sensitivity.none = Ни один рычаг в отдельности не меняет выручку сильнее, чем шум моделирования.
sensitivity.not_significant = 90% интервал включает ноль: этот эффект может быть шумом.

# ── Подбор цели ──────────────────────────────────────────────────────────────────────────
goal.heading = Достичь целевой выручки
goal.help = Находит наименьшее изменение одного рычага, при котором цель достигается с выбранной вероятностью.
goal.target = Целевая выручка
goal.probability = С вероятностью
goal.lever = За счёт
goal.run = Найти нужное изменение
goal.searching = Поиск…
goal.found = {lever}: при значении {value} выручка достигает {target} в {probability} прогонов (сейчас — в {current}).
goal.already = Выручка уже достигает {target} в {probability} прогонов; ничего менять не нужно.
goal.unreachable = {lever}: ни одно значение от {low} до {high} не даёт выручку {target} с вероятностью {probability}. Лучшее, {best}, даёт её в {achieved} прогонов.

# ── Планировщик эксперимента ─────────────────────────────────────────────────────────────
experiment.heading = Спланировать A/B-тест
experiment.help = Сколько лидов нужно эксперименту на одном этапе, чтобы заметить важный для вас прирост, и сколько дней он продлится при трафике этого сценария.
experiment.stage = Тестируемый этап
experiment.baseline = Текущая конверсия
experiment.uplift = Минимальный прирост, который важно заметить
experiment.uplift.absolute = процентных пунктов
experiment.uplift.relative = % от текущей конверсии
experiment.significance = Уровень значимости
experiment.significance.help = Вероятность объявить победителя, когда реальной разницы нет; обычно 5%.
experiment.power = Мощность
experiment.power.help = Вероятность заметить прирост, если он действительно есть; обычно 80%.
experiment.leads_per_arm = Нужно лидов на группу
experiment.result = {n} лидов на группу, всего {total}.
experiment.duration = Если на этап «{stage}» приходит около {rate} лидов в день и они делятся поровну между двумя группами, тест займёт около {days}.
experiment.no_traffic = В этом сценарии на этап «{stage}» не приходят лиды, поэтому длительность теста оценить нельзя.
experiment.too_long = Тесту понадобится {days} — дольше горизонта. Проверяйте больший прирост или этап с большим трафиком.
experiment.invalid_uplift = С таким приростом конверсия превысит 100%.

# ── Единицы и служебные слова ────────────────────────────────────────────────────────────
unit.days[one] = {n} день
unit.days[few] = {n} дня
unit.days[many] = {n} дней
unit.days[other] = {n} дня
unit.runs[one] = {n} прогон
unit.runs[few] = {n} прогона
unit.runs[many] = {n} прогонов
unit.runs[other] = {n} прогона
unit.leads[one] = {n} лид
unit.leads[few] = {n} лида
unit.leads[many] = {n} лидов
unit.leads[other] = {n} лида
unit.customers[one] = {n} клиент
unit.customers[few] = {n} клиента
unit.customers[many] = {n} клиентов
unit.customers[other] = {n} клиента
unit.times[one] = {n} раз
unit.times[few] = {n} раза
unit.times[many] = {n} раз
unit.times[other] = {n} раза
unit.percentage_points[one] = {n} процентный пункт
unit.percentage_points[few] = {n} процентных пункта
unit.percentage_points[many] = {n} процентных пунктов
unit.percentage_points[other] = {n} процентного пункта
unit.pp = {n} п. п.
unit.per_day = {n} в день
unit.seconds = {n} с
common.yes = Да
common.no = Нет
common.ok = ОК
common.cancel = Отмена
common.close = Закрыть
common.remove = Удалить
common.save = Сохранить
common.none = Нет
common.from_to = от {from} до {to}

# ── Шаблоны: названия, описания, этапы и источники ───────────────────────────────────────────
preset.six-step.name = Маркетинговая воронка из шести шагов
preset.six-step.description = От узнавания до покупки для онлайн-сервиса: контекстная реклама и партнёры, прогревающие письма на этапе рассмотрения, повторные заказы.
preset.six-step.stage.awareness = Узнавание
preset.six-step.stage.interest = Интерес
preset.six-step.stage.consideration = Рассмотрение
preset.six-step.stage.intent = Намерение
preset.six-step.stage.evaluation = Оценка
preset.six-step.stage.purchase = Покупка
preset.six-step.source.search-ads = Контекстная реклама
preset.six-step.source.partners = Партнёры

preset.aida.name = AIDA
preset.aida.description = Классическая воронка «внимание — интерес — желание — действие» для разовой кампании по запуску продукта на квартал.
preset.aida.stage.attention = Внимание
preset.aida.stage.interest = Интерес
preset.aida.stage.desire = Желание
preset.aida.stage.action = Действие
preset.aida.source.social-ads = Реклама в соцсетях

preset.b2b-pipeline.name = Воронка B2B-сделок
preset.b2b-pipeline.description = От входящих заявок до оплаченных договоров: коммерческие предложения, встречи и долгий цикл сделки; зависшие сделки оживляют повторными касаниями.
preset.b2b-pipeline.stage.request = Заявка
preset.b2b-pipeline.stage.proposal-sent = КП отправлено
preset.b2b-pipeline.stage.meeting = Встреча
preset.b2b-pipeline.stage.contract-signed = Договор подписан
preset.b2b-pipeline.stage.payment = Оплата
preset.b2b-pipeline.source.inbound-requests = Входящие заявки
preset.b2b-pipeline.source.outbound-calls = Холодные звонки

preset.crm-pipeline.name = Воронка в CRM
preset.crm-pipeline.description = Лиды, с которыми работает отдел продаж: контакт установлен, интерес подтверждён, договор, оплата.
preset.crm-pipeline.stage.lead = Лид
preset.crm-pipeline.stage.contact-made = Контакт установлен
preset.crm-pipeline.stage.interested = Интерес подтверждён
preset.crm-pipeline.stage.contract = Договор
preset.crm-pipeline.stage.payment = Оплата
preset.crm-pipeline.source.website-form = Форма на сайте

preset.ecommerce.name = Интернет-магазин с напоминаниями о брошенной корзине
preset.ecommerce.description = От посетителей магазина до заказов; письма-напоминания возвращают часть корзин, брошенных при оформлении.
preset.ecommerce.stage.visit = Визит
preset.ecommerce.stage.product-page = Карточка товара
preset.ecommerce.stage.cart = Корзина
preset.ecommerce.stage.checkout = Оформление заказа
preset.ecommerce.source.organic-search = Органический поиск
preset.ecommerce.source.retargeting-ads = Ретаргетинг

preset.auto-funnel.name = Автоворонка с трипвайером
preset.auto-funnel.description = Бесплатный лид-магнит, недорогой трипвайер и основной продукт; тех, кто пропустил трипвайер, догоняет цепочка писем.
preset.auto-funnel.stage.lead-magnet = Лид-магнит
preset.auto-funnel.stage.tripwire = Трипвайер
preset.auto-funnel.stage.core-product = Основной продукт
preset.auto-funnel.source.social-ads = Реклама в соцсетях

preset.subscription.name = Подписка с повторными платежами
preset.subscription.description = От регистраций на пробный период до платной подписки, которую продлевают месяц за месяцем; за счёт продлений воронка расширяется книзу.
preset.subscription.stage.sign-up = Регистрация
preset.subscription.stage.trial = Пробный период
preset.subscription.stage.first-payment = Первый платёж
preset.subscription.source.content-marketing = Контент-маркетинг

preset.classroom-cohort.name = Учебная когорта
preset.classroom-cohort.description = Одна когорта из 1 000 лидов проходит шесть этапов с фиксированными конверсиями — воронка для обучения.
preset.classroom-cohort.stage.awareness = Узнавание
preset.classroom-cohort.stage.interest = Интерес
preset.classroom-cohort.stage.consideration = Рассмотрение
preset.classroom-cohort.stage.intent = Намерение
preset.classroom-cohort.stage.evaluation = Оценка
preset.classroom-cohort.stage.purchase = Покупка
preset.classroom-cohort.source.cohort = Когорта

# ── The app's own additions (results state, read-outs, unit labels) ─────────────────────────
results.stale = Устарело: эти цифры относятся к последнему корректному сценарию, а не к редактируемому.
results.failed = Моделирование не удалось:
chart.revenue_over_time.readout = День {day}: медиана {median}, 90% прогонов от {low} до {high}
unit.leads_per_day = лидов в день
unit.percent = %
chart.funnel.lost_here = здесь теряется {count}
chart.time_to_purchase.median_days = Медиана: {days} дн.
chart.time_to_purchase.mean_days = Среднее: {days} дн.
chart.revenue_histogram.probability_at = P(выручка ≥ {target}) = {probability}
chart.revenue_histogram.target.hint = Введите сумму, чтобы увидеть вероятность её достичь.
export.json.button = Экспорт работы (JSON)
progress.cancelled.kept = Отменено после {done} из {total} прогонов; последний прогноз остаётся на экране с пометкой «устарело».
# Failures of jobs and decisions (app_model::messages), written from the error's data.
worker.error.unreadable_at = Сценарий не читается (строка {line}, столбец {column}): {detail}
worker.error.unreadable_field = Сценарий не читается в {path} (строка {line}, столбец {column}): {detail}
worker.error.invalid = Сценарий нельзя смоделировать: {errors}
worker.error.in_scenario = Вариант {variant}: {error}
worker.error.runs = {field}: число прогонов должно быть от 1 до {most}, а не {runs}
worker.error.runs_memory = При горизонте {days} дн. в памяти браузера помещается не больше {most} прогонов (каждый хранит свой ряд по дням), а не {runs}.
worker.error.too_many_totals = {variants} вариантов по {runs} прогонов — больше, чем {most} итогов, которые браузер держит одновременно: уменьшите число прогонов.
worker.error.protocol = Страница и её вычислитель не понимают друг друга (это ошибка программы, сообщите о ней): {detail}
worker.error.crashed = Вычислитель модели сломался: {detail}
decision.error = {field}: {problem}
decision.problem.no_variants = для сравнения нужен план A и хотя бы один вариант
decision.problem.not_finite = должно быть конечным числом
decision.problem.open_unit = должно быть строго между 0 и 1, а не {value}
decision.problem.probability = должно быть больше 0 и не больше 1, а не {value}
decision.problem.positive = должно быть больше 0, а не {value}
decision.problem.step = должен быть больше 0 и меньше 100, а не {step}
decision.problem.uplift = конверсия варианта {variant} должна отличаться от базовой {baseline} и лежать строго между 0 и 1
decision.problem.no_stage = этапа номер {index} нет (в сценарии их {stages})
decision.problem.no_source = источника номер {index} нет (в сценарии их {sources})
decision.problem.no_nurture = у этапа «{stage}» нет прогрева
decision.problem.no_retention = в сценарии нет повторных покупок
decision.problem.goal_lever = поиск цели меняет конверсию этапа или объём источника
decision.problem.leaves_nothing = изменение на {change}% не оставит ничего от величины «{what}»: изменение должно быть между -100% и 100%
decision.problem.too_many_leads = изменение на {change}% даст больше {most} лидов в день
decision.problem.no_runs = нужен хотя бы один прогон
decision.problem.mismatched_totals = содержит {variants} вариантов, а в анализе их {expected}
decision.problem.uneven_totals = все варианты должны покрывать одни и те же прогоны
decision.what.delay = задержка
decision.what.leads = лиды
decision.what.cost = стоимость
decision.what.drop_off = отток
decision.what.conversion = конверсия
edit.error.no_stage = Этапа номер {number} нет.
edit.error.no_source = Источника номер {number} нет.
edit.error.empty_name = В названии должен быть хотя бы один видимый символ.
edit.error.control_characters = В названии не может быть управляющих символов (например, переноса строки или табуляции).
edit.error.duplicate_source = Источник «{name}» уже есть; названия источников не должны повторяться.
edit.error.first_stage = Этот этап уже первый.
edit.error.last_stage = Этот этап уже последний.
action.error.no_variant = Варианта {variant} нет.
action.error.plan_a = План A нельзя удалить: с ним сравниваются варианты.
action.error.too_many_variants = Страница хранит не больше {most} вариантов.
rate.error.bad_number = «{number}» — не число: используйте один десятичный знак (12,5 или 12.5) и не разделяйте тысячи.
rate.error.above_hundred = Конверсия не может быть больше 100% (здесь читается {percent}%). Число от 1 и больше — это проценты, меньше 1 — доля: 20 и 0,2 означают 20%, 1 означает 1%.
rate.error.range_order_values = Диапазон начинается выше, чем заканчивается ({low}% до {high}%): сначала меньшее, например 15-25%.
rate.error.count_not_whole = Счётчики — целые числа без разделителей (например, 42 из 180), а не «{count}».
rate.error.too_many_tries = Попыток может быть не больше {most}; для большего числа введите саму конверсию (например, 23,3%).
rate.error.law_two_numbers = {form}(..) принимает два числа через запятую, с десятичной точкой, например {form}(2.5, 7).
rate.error.law_not_a_number = {form}(..): «{raw}» — не число (десятичные пишите через точку).
rate.error.beta_parameter = beta(..): {name} должно быть больше 0 и не больше 1 000 000 000, а не {value}.
rate.error.uniform_end = uniform(..): {name} — это доля от 0 до 1 (0,25 означает 25%), а не {value}.
editor.stage.conversion.hint = 20 и 0,2 означают 20%; 1 означает 1% (для полной уверенности введите 100%).
structure.unknown_key = в формате сценария здесь нет ключа «{key}»; есть ключи {allowed}
structure.missing_key = здесь нужен ключ «{key}»
structure.wrong_type = здесь ожидается {expected}
structure.unknown_kind = «{key}» — не тот вид, что здесь допускает формат; виды: {allowed}
structure.one_kind = объект здесь называет ровно один вид, один из {allowed}
structure.expected.object = объект ({…})
structure.expected.list = список ([…])
structure.expected.text = текст в кавычках
structure.expected.number = число
structure.expected.whole = целое число (без десятичной точки и степени)
structure.expected.rate = конверсия от 0 до 1 или {"beta": …}, или {"uniform": …}
share.broken.too_large = В ссылке больше данных, чем нужно любому сценарию; она не открыта.
share.broken.format = Ссылка или файл — не работа Funnelcast (в {path}).
chart.funnel.losses.both = Больше всего лидов теряется на этапе «{stage}»: около {count} ({share} вошедших). Самый слабый этап по доле — «{weakest}»: он теряет {weakest_share} дошедших до него.
chart.funnel.losses.same = Больше всего лидов теряется на этапе «{stage}»: около {count} ({share} вошедших); это и самая большая доля потерь среди этапов.
results.cost_per_customer.help = Среднее по прогонам от «стоимость ÷ клиенты». Ожидаемое: ожидаемая стоимость лидов ÷ ожидаемые клиенты.
table.open_stage = От­кры­ты на эта­пе
table.open_nurture = В про­гре­ве
table.open_stage.help = Лиды, ещё не решившие на этапе к горизонту: доля выигранных = Конверсии ÷ (Входы − Открыты на этапе).
table.open_nurture.help = Лиды, ждущие в прогреве этапа к горизонту; они уже решили и не прошли, поэтому считаются решившими.
chart.time_to_purchase.y_mean = Клиентов за прогон с таким сроком (в среднем)
validation.page.probability = должно быть от 0% до 100%, а не {percent}
field.stage = Этап {number}
field.source = Источник {number}
# What a variant changes from plan A (app_model::changes, explain::change_sentence).
diff.name = Называется «{b}», а не «{a}».
diff.horizon = Горизонт {b} вместо {a}.
diff.order = Этапы идут в порядке {b} вместо {a}.
diff.stage_added = Новый этап «{stage}»: конверсия {rate}, решение за {delay}.
diff.stage_removed = Нет этапа «{stage}» (в A его конверсия {rate}).
diff.stage_renamed = Этап «{a}» называется «{b}».
diff.conversion = «{stage}»: конверсия {b} вместо {a}.
diff.delay = «{stage}»: решение за {b} вместо {a}.
diff.value = Каждая конверсия на этапе «{stage}» стоит {b} вместо {a}.
diff.stage_field = «{stage}»: {field} — {b} вместо {a}.
diff.nurture_added = «{stage}» отправляет в прогрев {share} потерь на {delay}; {reentry} возвращаются на «{to}».
diff.nurture_removed = У «{stage}» нет прогрева (в A есть).
diff.source_added = Новый источник «{source}»: {volume} на этап «{entry}».
diff.source_removed = Нет источника «{source}» (в A он даёт {volume}).
diff.volume = «{source}» даёт {b} вместо {a}.
diff.entry = «{source}» направляет лиды на «{b}» вместо «{a}».
diff.source_field = «{source}»: {field} — {b} вместо {a}.
diff.retention_added = Клиенты покупают снова: шанс {repeat} через {delay}, до {max} раз.
diff.retention_removed = Нет повторных покупок (в A есть).
diff.retention_field = Повторные покупки: {field} — {b} вместо {a}.
delay.words.fixed = ровно {days}
delay.words.uniform = от {min} до {days}
delay.words.mean = около {days} ({law})
delay.words.law.exponential = большинство решает быстро
delay.words.law.lognormal = длинный хвост медленных
delay.words.law.gamma = пик через несколько дней
value.words.none = ничего
value.words.uniform = от {low} до {high}
value.words.lognormal = около {mean} (разброс {sd})
arrivals.words.poisson = около {n} лидов в день
arrivals.words.fixed = ровно {n} лидов в день
app.title = Funnelcast: прогнозы воронки продаж
lever.value.volume = {n} лидов в день
goal.apply.here = Применить к этому варианту
goal.apply.variant = Применить как новый вариант
goal.applied = Применено: {lever} — {value}. Отменить можно кнопкой «Отменить».
experiment.from_variant = Исходя из того, что меняет этот вариант: {change}.
experiment.variant_change = {points} п. п. на этапе, который он меняет
validation.page.no_stages = В сценарии пока нет этапов: добавьте этап кнопкой «Добавить этап» под списком этапов.
# Issue 11, items 15, 18, 19 (helper data): the tornado's metric and steps, the value per conversion, profit
sensitivity.metric = Ранжировать по показателю
sensitivity.metric.revenue = Выручка
sensitivity.metric.profit = Прибыль
sensitivity.metric.customers = Число клиентов
sensitivity.metric.cost_per_customer = Стоимость клиента
sensitivity.axis.revenue = Изменение средней выручки, {unit}
sensitivity.axis.profit = Изменение средней прибыли, {unit}
sensitivity.axis.customers = Изменение среднего числа клиентов, клиентов за прогон
sensitivity.axis.cost_per_customer = Изменение средней стоимости клиента, {unit}
sensitivity.unit.money = ден. ед.
sensitivity.title.profit = Как каждый рычаг влияет на прибыль
sensitivity.title.customers = Как каждый рычаг влияет на число клиентов
sensitivity.title.cost_per_customer = Как каждый рычаг влияет на стоимость клиента
sensitivity.step.points = +{n} п. п.
sensitivity.step.relative = +{n}% к конверсии
sensitivity.step.dropoff = отток −{n}%
sensitivity.step.delay = −{n}%
sensitivity.step.volume = +{n}%
sensitivity.step.cost = −{n}%
sensitivity.lever.with_step = {lever} ({step})
sensitivity.action.conversion = Рост конверсии этапа «{stage}» с {from} до {to}
sensitivity.action.delay = Сокращение времени на решение на этапе «{stage}» с {from} до {to}
sensitivity.action.reentry = Рост возврата с прогрева на этапе «{stage}» с {from} до {to}
sensitivity.action.volume = Рост источника «{source}» с {from} до {to} лидов в день
sensitivity.action.cost = Снижение цены лида из источника «{source}» с {from} до {to}
sensitivity.action.repeat = Рост вероятности повторной покупки с {from} до {to}
sensitivity.best.revenue = {action} добавит около {amount} выручки за {period} ({percent}) — больше, чем любое другое отдельное изменение.
sensitivity.best.profit = {action} добавит около {amount} прибыли за {period} ({percent}) — больше, чем любое другое отдельное изменение.
sensitivity.best.customers[one] = {action} добавит около {n} клиента за {period} ({percent}) — больше, чем любое другое отдельное изменение.
sensitivity.best.customers[few] = {action} добавит около {n} клиентов за {period} ({percent}) — больше, чем любое другое отдельное изменение.
sensitivity.best.customers[many] = {action} добавит около {n} клиентов за {period} ({percent}) — больше, чем любое другое отдельное изменение.
sensitivity.best.customers[other] = {action} добавит около {n} клиента за {period} ({percent}) — больше, чем любое другое отдельное изменение.
sensitivity.best.cost_per_customer = {action} снизит стоимость клиента примерно на {amount} ({percent}) — больше, чем любое другое отдельное изменение.
editor.stage.value.fixed_shown = выручка {amount} с каждой конверсии
editor.stage.value.uniform_shown = выручка от {low} до {high} с каждой конверсии
editor.stage.value.lognormal_shown = выручка в среднем {mean} с каждой конверсии
# Issue 11, items 21-22 (accessibility): the charts' text alternatives, names of unlabelled controls
chart.text.empty = На графике нет данных.
chart.text.spread = медиана {median}, в 90% прогонов — от {low} до {high}
chart.text.funnel = Лиды на каждом этапе, в среднем по прогонам: {stages}.
chart.text.funnel.stage = «{stage}»: входят {entered}, конвертируются {converted} ({conversion})
chart.text.revenue_over_time = Выручка нарастающим итогом по дням: {points}.
chart.text.revenue_over_time.at = за {days} — {spread}
chart.text.revenue_distribution = Общая выручка за {days}: медиана {median}; в половине прогонов — от {p25} до {p75}, в 90% — от {p5} до {p95}.
chart.text.revenue_distribution.target = Цель {target} достигается в {percent} прогонов.
chart.text.days_to_purchase = Дни от прихода лида до его первой покупки, примерно для {customers} клиентов за прогон: медиана {median}, среднее {mean}, у 90% клиентов — от {low} до {high}.
chart.text.days_to_purchase.none = В пределах горизонта ни один лид не становится клиентом, поэтому времени ожидания нет.
chart.text.tornado = Изменение выручки, когда один рычаг улучшают или ухудшают на шаг: {levers}.
chart.text.tornado.lever = {lever}: {better} при улучшении, {worse} при ухудшении
chart.text.compare.plan = {plan}: {spread}
chart.text.compare.revenue = Общая выручка каждого плана: {plans}.
chart.text.compare.over_time = Выручка нарастающим итогом за {days} для каждого плана: {plans}.
chart.text.difference = Выручка {b} минус выручка {a} в тех же прогонах: в среднем {mean}, в 90% прогонов — от {low} до {high}; {b} впереди в {percent} прогонов.
experiment.uplift.kind = Как измеряется прирост

# Issue 11, items 12, 13, 14 and 20 (layout): the difference chart's legend, the overlaid
# histogram's axis, the narrow screen's way to the editor.
chart.compare.difference.ahead = Прогоны, где впереди {b}
chart.compare.difference.even = Прогоны без разницы
chart.compare.revenue_histogram.y = Доля прогонов на {width} выручки
results.to_editor = Изменить сценарий ↓
chart.text.tornado.metric = {what}, когда один рычаг улучшают или ухудшают на шаг: {levers}.
results.se = ± {value}
results.se.help = Стандартная ошибка среднего по методу Монте-Карло: стандартное отклонение по прогонам, делённое на корень из числа прогонов. Чем больше прогонов, тем она меньше.
# Time to lose (issue 12): a stage's own delay for the leads that drop out
editor.stage.lost_delay = Время до отказа
editor.stage.lost_delay.same = Как время на решение
editor.stage.lost_delay.help = Сколько дней проходит, пока лид, который не конвертируется, отваливается: неявка на встречу видна за несколько дней, а договор подписывают неделями. По умолчанию отказ занимает столько же, сколько решение.
editor.stage.lost_delay.mean_shown = отказ в среднем через {days}

# Runs: automatic (issue 12, precision)
validation.what.precision = точность
runs.mode.label = Прогоны
runs.mode.help = Заданное число прогонов или столько, сколько нужно, чтобы среднее, p5 и p95 выручки были известны с выбранной погрешностью симуляции (больше прогонов — меньше погрешность)
runs.mode.fixed = Заданное число
runs.mode.automatic = Автоматически: ±{precision}
runs.precision.out_of_range = Точность должна быть больше 0 % и не больше {max}.
runs.automatic.reached = автоматически: среднее, p5 и p95 выручки известны с точностью ±{error} (задано ±{asked})
runs.automatic.not_reached = автоматически: ±{asked} не достигнуто за {runs} прогонов (сейчас ±{error}); задайте меньшую точность
results.range.precision = Погрешность симуляции диапазона: p5 лежит между {p5_low} и {p5_high}, p95 — между {p95_low} и {p95_high} (95-процентные интервалы по прогонам; больше прогонов — уже интервалы)

# Issue 12, the app's size: the Russian and Chinese texts are fetched when first chosen
language.unavailable = Не удалось загрузить тексты на языке «{language}» ({error}); язык страницы не изменён.
