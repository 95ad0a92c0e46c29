import type { RefusalCode } from "../calcom/event-type-check.js";
/** Russian texts: the source catalogue. Every key here must exist in en.ts (the compiler checks it). */

import type { InviteView, PrivacyView, StatsView, WhoisView } from "./privacy-views.js";
import { who } from "./who.js";

export interface RequestView {
  name: string;
  username: string | null;
  id: number;
}

export interface BookingSummary {
  when: string;
  zone: string;
  duration: number;
  name: string;
  email: string | null;
}

export interface BookingResult {
  when: string;
  zone: string;
  duration: number;
  how: string;
}

export interface ReminderView {
  inWhat: string;
  when: string;
  zone: string;
  duration: number;
  how: string;
}

export interface AdminBookingNotice {
  name: string;
  when: string;
  zone: string;
}

export const ru = {
  buttons: {
    book: "📅 Записаться",
    myBookings: "🗓 Мои встречи",
    help: "❓ Помощь",
    approve: "✅ Одобрить",
    reject: "❌ Отклонить",
    moreDates: "Ещё даты ›",
    back: "‹ Назад",
    changeZone: "🌍 Сменить часовой пояс",
    otherZone: "Другой…",
    cancel: "✖️ Отмена",
    retry: "🔄 Повторить",
    useName: (name: string) => `Использовать «${name}»`,
    skip: "Пропустить",
    confirm: "✅ Подтвердить",
    edit: "✏️ Изменить",
    editTime: "Время",
    editName: "Имя",
    editEmail: "Email",
    backToSummary: "‹ К подтверждению",
    restartYes: "Да, начать заново",
    restartNo: "Нет, продолжить",
    yes: "Да",
    no: "Нет",
  },
  access: {
    requested: (id: number) =>
      `Здравствуйте! Этот бот записывает на встречи со спонсором.\n\nВаш Telegram ID: ${id}\n\nЯ отправил запрос на доступ администратору. Как только он его рассмотрит, я напишу вам.`,
    stillPending: (id: number) =>
      `Ваш запрос на доступ ещё ждёт решения администратора. Ваш Telegram ID: ${id}.\nПовторно писать не нужно — я сообщу, когда будет ответ.`,
    rejected: "К сожалению, в доступе отказано. Если это ошибка, свяжитесь со спонсором напрямую.",
    welcome: (name: string) => `Здравствуйте, ${name}! Что хотите сделать?`,
    welcomeAdmin: (name: string) =>
      `Здравствуйте, ${name}! Вы администратор. /pending — запросы на доступ, /users — участники, /help — все команды.`,
    notApproved: "У вас пока нет доступа. Отправьте /start, чтобы запросить его.",
    youWereApproved: "Доступ открыт! Нажмите «Записаться» или отправьте /book, чтобы выбрать время встречи.",
    youWereRejected: "К сожалению, администратор отклонил запрос на доступ.",
    youWereRevoked: "Ваш доступ к боту закрыт администратором.",
  },
  admin: {
    newRequest: (r: RequestView) =>
      `Новый запрос на доступ\n\nИмя: ${r.name}\nUsername: ${r.username ? `@${r.username}` : "нет"}\nID: ${r.id}\n\n/approve ${r.id}\n/reject ${r.id}`,
    approved: (r: RequestView) => `✅ Доступ открыт: ${who(r)}.`,
    rejected: (r: RequestView) => `❌ Запрос отклонён: ${who(r)}.`,
    alreadyApproved: (id: number) => `Пользователь ${id} уже одобрен.`,
    alreadyRejected: (id: number) => `Запрос ${id} уже отклонён.`,
    decidedBy: (text: string, admin: string) => `${text}\n\nРешение принял: ${admin}.`,
    noSuchRequest: (id: number) => `Нет запроса от пользователя с ID ${id}.`,
    usage: (command: string) => `Укажите числовой Telegram ID: /${command} <id>`,
    cannotTargetAdmin: "Администраторы имеют доступ всегда; изменить это командой нельзя.",
    revoked: (id: number) => `Доступ пользователя ${id} закрыт.`,
    notApprovedUser: (id: number) => `Пользователь ${id} не в списке одобренных.`,
    pendingNone: "Запросов, ожидающих решения, нет.",
    pendingTitle: (n: number) => `Ожидают решения: ${n}`,
    pendingItem: (r: RequestView, requestedAt: string) =>
      `• ${who(r)} — с ${requestedAt}\n  /approve ${r.id}  /reject ${r.id}`,
    usersNone: "Одобренных участников пока нет.",
    usersTitle: (n: number) => `Одобренные участники: ${n}`,
    usersItem: (r: RequestView, approvedAt: string) => `• ${who(r)} — с ${approvedAt}`,
    adminsOnly: "Эта команда только для администраторов.",
    // After /revoke: the meetings the member still holds.
    revokedHolds: (n: number) =>
      `Предстоящих встреч у участника: ${n}. Он может отменить их сам, а вы — все сразу.`,
    cancelAllButton: "✖️ Отменить все его встречи",
    cancellingAll: "Отменяю…",
    cancelAllDone: (cancelled: number, failed: number) =>
      failed === 0
        ? `Отменено: ${cancelled}. Участнику сообщено о каждой.`
        : `Отменено: ${cancelled}. Не отменено, календарь не ответил: ${failed}. Нажмите кнопку ещё раз, чтобы повторить.`,
    cancelAllNothing: "Предстоящих встреч для отмены не осталось.",
    cancelAllHasAccess: (id: number) => `У пользователя ${id} снова есть доступ: его встречи остаются.`,
  },
  booking: {
    chooseZone: "В каком вы часовом поясе? Время встреч будет показано в нём.",
    savedZone: (zone: string) => `Ваш часовой пояс: ${zone}.`,
    typeZone: (examples: string) => `Напишите часовой пояс в формате Europe/Berlin или город: ${examples}.`,
    zoneInvalid: (examples: string) =>
      `Не узнаю такой часовой пояс. Напишите, например, Europe/Berlin или город: ${examples}.`,
    loading: "Ищу свободное время…",
    slotsTitle: (zone: string, page: number, pages: number) =>
      `Свободное время (${zone})${pages > 1 ? `, стр. ${page} из ${pages}` : ""}. Выберите удобное:`,
    noSlots: (days: number) =>
      `В ближайшие ${days} дн. свободного времени нет. Попробуйте позже или смените часовой пояс.`,
    askName: "Как вас записать? Напишите имя (от 2 до 100 символов).",
    nameInvalid: "Имя должно быть от 2 до 100 символов и содержать хотя бы одну букву. Попробуйте ещё раз.",
    askEmailOptional:
      "Укажите email, если хотите получить подтверждение от Cal.com. Или нажмите «Пропустить» — напоминания я пришлю сюда.",
    askEmailRequired: "Укажите ваш email — на него придёт подтверждение встречи.",
    emailInvalid: "Это не похоже на email. Напишите адрес вида name@example.com.",
    emailSkipped:
      "Хорошо, без email. Письма от Cal.com вам не придут — напоминания я пришлю сюда, в Telegram.",
    rememberEmail: (email: string) => `Запомнить ${email} для следующих записей?`,
    summary: (s: BookingSummary) =>
      `Проверьте, всё ли верно:\n\n📅 ${s.when}\n🌍 ${s.zone}\n⏱ ${s.duration} мин\n👤 ${s.name}\n✉️ ${s.email ?? "не указан"}`,
    editWhat: "Что изменить?",
    booking: "Записываю…",
    success: (s: BookingResult) =>
      `Готово, вы записаны!\n\n📅 ${s.when}\n🌍 ${s.zone}\n⏱ ${s.duration} мин\n📍 ${s.how}\n\nЯ напомню о встрече заранее. /mybookings — ваши встречи.`,
    howOnline: "онлайн, ссылка придёт перед встречей",
    howUnknown: "детали сообщит спонсор",
    icsCaption: "Добавить в календарь",
    icsFileName: "vstrecha.ics",
    slotTaken: "Это время только что заняли. Вот свежее расписание:",
    calcomDown: "Календарь сейчас не отвечает. Ничего не потеряно — нажмите «Повторить» через минуту.",
    bookingLimit:
      "У вас уже максимальное число активных записей. Отмените одну в /mybookings и попробуйте снова.",
    emailRefused: "Cal.com не принимает этот адрес. Укажите, пожалуйста, другой email.",
    contactAdmin:
      "Записаться не получилось из-за настройки календаря. Администратор уже знает; попробуйте позже.",
    cancelled: "Запись прервана. /book — начать заново.",
    nothingToCancel: "Сейчас нечего прерывать.",
    restartAsk: "Начать сначала? Текущая запись не сохранится.",
    continuing: "Продолжаем с того же места.",
    hintButtons: "Пожалуйста, выберите вариант кнопкой.",
    hintText: "Пожалуйста, напишите ответ текстом.",
    timedOut: "Диалог записи закрыт из-за долгого молчания. /book — начать заново.",
    adminNew: (a: AdminBookingNotice) =>
      `📅 Новая запись: ${a.name}\n${a.when} (ваше время)\nЧасовой пояс участника: ${a.zone}`,
  },
  myBookings: {
    none: "Предстоящих встреч нет.",
    title: "Ваши предстоящие встречи:",
    item: (when: string, zone: string) => `• ${when} (${zone})`,
    rescheduleButton: "🔁 Перенести",
    cancelButton: "✖️ Отменить",
    cancelAsk: (when: string) => `Отменить встречу ${when}?`,
    yesCancel: "Да, отменить",
    noKeep: "Нет, оставить",
    kept: "Хорошо, встреча остаётся в силе.",
    cancelled: (when: string) => `Встреча ${when} отменена. Это время снова свободно.`,
    alreadyCancelled: "Эта встреча уже отменена.",
    alreadyStarted: "Эта встреча уже началась или прошла — её нельзя отменить или перенести.",
    notFound: "Такой встречи нет среди ваших предстоящих. /mybookings — актуальный список.",
    calcomDown: "Календарь сейчас не отвечает. Попробуйте ещё раз через минуту.",
    rescheduleFrom: (when: string) => `Переносим встречу ${when}. Выберите новое время.`,
    rescheduleAsk: (from: string, to: string) => `Перенести встречу?\n\nБыло: ${from}\nСтанет: ${to}`,
    rescheduling: "Переношу…",
    rescheduled: (when: string, zone: string) =>
      `Готово, встреча перенесена.\n\n📅 ${when}\n🌍 ${zone}\n\nНапоминания придут к новому времени.`,
    rescheduleStopped: "Перенос отменён, встреча остаётся в прежнее время.",
    settledBooked: (when: string) =>
      `✅ Календарь подтвердил вашу запись: ${when}. /mybookings — ваши встречи.`,
    settledCancelled: (when: string) => `❌ Календарь подтвердил отмену встречи ${when}.`,
    changedOnCalendar: "Эта встреча изменилась в календаре. /mybookings — актуальный список.",
    reminder: (r: ReminderView) =>
      `⏰ Напоминание: встреча ${r.inWhat}.\n\n📅 ${r.when}\n🌍 ${r.zone}\n⏱ ${r.duration} мин\n📍 ${r.how}`,
    inMinutes: (n: number) => `через ${n} мин`,
    inHours: (n: number) => `через ${n} ч`,
    inDays: (n: number) => (n === 1 ? "завтра в это время" : `через ${n} дн.`),
    adminCancelled: (name: string, when: string) => `❌ Отмена: ${name}, ${when} (ваше время)`,
    adminRescheduled: (name: string, from: string, to: string) =>
      `🔁 Перенос: ${name}\n${from} → ${to} (ваше время)`,
    adminNone: "Предстоящих записей через бота нет.",
    adminTitle: (n: number) => `Предстоящие записи: ${n}`,
    adminItem: (name: string, when: string, awaiting: boolean) =>
      `• ${when} — ${name}${awaiting ? " — ⏳ ждёт вашего подтверждения" : ""}`,
  },
  help: {
    stranger:
      "Этот бот записывает на встречи со спонсором. Отправьте /start, чтобы запросить доступ.\n/privacy — что бот о вас хранит",
    user: "Команды:\n/book — записаться на встречу\n/mybookings — мои встречи\n/privacy — что бот о вас хранит\n/cancel — прервать текущий диалог\n/help — эта справка",
    admin:
      "Команды администратора:\n/bookings — предстоящие записи\n/pending — запросы на доступ\n/approve <id> — одобрить\n/reject <id> — отклонить\n/users — одобренные участники\n/revoke <id> — закрыть доступ\n/invite [заметка] — одноразовая ссылка-приглашение\n/invites — открытые приглашения\n/stats — как используется бот\n/whois <псевдоним или id> — кто есть кто в журналах\n\nЕсли тип встречи в Cal.com требует подтверждения, каждый запрос на встречу приходит сюда с кнопками «✅ Подтвердить» и «❌ Отклонить» (можно указать причину — участник её увидит); решить можно и в самом Cal.com.\n\nКак участник:\n/book — записаться на встречу\n/mybookings — мои встречи\n/privacy — что бот о вас хранит\n/cancel — прервать текущий диалог",
  },
  commands: {
    start: "Начать",
    book: "Записаться на встречу",
    mybookings: "Мои встречи",
    cancel: "Прервать диалог",
    help: "Справка",
    bookings: "Предстоящие записи",
    pending: "Запросы на доступ",
    users: "Одобренные участники",
    approve: "Одобрить: /approve <id>",
    reject: "Отклонить: /reject <id>",
    revoke: "Закрыть доступ: /revoke <id>",
    privacy: "Что бот обо мне хранит",
    invite: "Ссылка-приглашение: /invite [заметка]",
    invites: "Открытые приглашения",
    stats: "Как используется бот",
    whois: "Чей псевдоним: /whois <псевдоним|id>",
    limit: "Самая долгая встреча участника: /limit <id> <минуты|off>",
    limits: "Участники с ограничением длины",
  },
  common: {
    calcomKeyRefused:
      "⚠️ Cal.com отклоняет API-ключ бота (401). Записи не работают, пока оператор не обновит CALCOM_API_KEY.",
    somethingWrong: "Что-то пошло не так на нашей стороне. Попробуйте ещё раз через минуту.",
    staleButton: "Эта кнопка больше не активна.",
    unknownCommand: "Такой команды я не знаю. /help — список команд.",
    useButtonsOrHelp: "Я понимаю команды и кнопки. /help — что я умею.",
    slowDown: "Слишком много сообщений подряд — пожалуйста, помедленнее.",
    done: "Готово.",
    privateOnly: (link: string) => `Напишите мне, пожалуйста, в личном чате: ${link}`,
  },
  // One section per capability below; each grows inside its own block.
  outbox: {},
  // Lists that page (‹ ›, "n of m") and per-member limits.
  lists: {
    pageOf: (page: number, pages: number) => `Страница ${page} из ${pages}`,
    previous: "‹",
    next: "›",
    capReached:
      "У вас уже столько предстоящих встреч, сколько можно одному участнику. Отмените или перенесите одну в /mybookings и запишитесь снова.",
    cancelOnlyTitle:
      "Доступ закрыт: записаться или перенести встречу нельзя. Свои встречи вы по-прежнему можете отменить:",
    moveNeedsAccess: "Доступ закрыт: встречу больше нельзя перенести, только отменить.",
  },
  // Requests the sponsor confirms or declines; several durations; what the calendar allows.
  confirmations: {
    requested: (when: string, zone: string) =>
      `📨 Запрос отправлен спонсору: ${when} (${zone}).\n\nЭтот тип встречи спонсор подтверждает сам. Ответ придёт сюда; до тех пор время не считается назначенным. /mybookings — ваши встречи.`,
    moveRequested: (from: string, when: string, zone: string) =>
      `📨 Перенос отправлен спонсору: с ${from} на ${when} (${zone}).\n\nНовое время спонсор подтверждает сам; ответ придёт сюда.`,
    confirmed: (s: BookingResult) =>
      `✅ Спонсор подтвердил встречу!\n\n📅 ${s.when}\n🌍 ${s.zone}\n⏱ ${s.duration} мин\n📍 ${s.how}\n\nЯ напомню о встрече заранее. /mybookings — ваши встречи.`,
    declined: (when: string, reason: string | undefined) =>
      `❌ Спонсор не подтвердил встречу: ${when}.${reason ? `\n\nПричина: ${reason}` : ""}\n\n/book — выбрать другое время.`,
    awaitingItem: (when: string, zone: string) => `• ${when} (${zone}) — ⏳ ждёт подтверждения спонсора`,
    cannotMoveYet: "Эта встреча ещё ждёт подтверждения спонсора, перенести её пока нельзя. Отменить можно.",
    adminRequest: (a: AdminBookingNotice) =>
      `📨 Запрос на встречу: ${a.name}\n${a.when} (ваше время)\nЧасовой пояс участника: ${a.zone}\n\nПодтвердите или отклоните:`,
    adminMoveRequest: (a: AdminBookingNotice & { from: string }) =>
      `📨 Запрос на перенос: ${a.name}\n${a.from} → ${a.when} (ваше время)\nЧасовой пояс участника: ${a.zone}\n\nПодтвердите или отклоните:`,
    confirmButton: "✅ Подтвердить",
    declineButton: "❌ Отклонить",
    skipReason: "Без причины",
    keepButton: "↩️ Не отклонять",
    askReason: (name: string, when: string) =>
      `Отклонить запрос: ${name}, ${when} (ваше время).\n\nНапишите причину одним сообщением — участник её увидит — или нажмите «Без причины».`,
    notDeclined: "Не отклонено: запрос ждёт решения.",
    doneConfirmed: (name: string, when: string) =>
      `✅ Подтверждено: ${name}, ${when} (ваше время). Участнику сообщено.`,
    doneDeclined: (name: string, when: string) =>
      `❌ Отклонено: ${name}, ${when} (ваше время). Участнику сообщено.`,
    alreadyConfirmed: "Этот запрос уже подтверждён.",
    alreadyDeclined: "Этот запрос уже отклонён.",
    alreadyGone: "Этот запрос больше не ждёт решения (встреча отменена или перенесена).",
    forgotten:
      "Бот больше не хранит этот запрос: участник удалил свои данные. Если запрос ещё ждёт, подтвердите или отклоните его в Cal.com.",
    decideFailed: "Календарь сейчас не отвечает. Попробуйте ещё раз через минуту.",
    decideForbidden:
      "Cal.com не разрешает этому API-ключу решать по этой встрече. Подтвердите или отклоните её в Cal.com.",
    adminConfirmed: (name: string, when: string, inCalcom: boolean) =>
      `✅ Подтверждено${inCalcom ? " в Cal.com" : " другим админом"}: ${name}, ${when} (ваше время)`,
    adminDeclined: (name: string, when: string, inCalcom: boolean) =>
      `❌ Отклонено${inCalcom ? " в Cal.com" : " другим админом"}: ${name}, ${when} (ваше время)`,
    setupProblem: "Не получилось из-за настройки календаря. Пожалуйста, сообщите спонсору; попробуйте позже.",
  },
  // Changes the sponsor made in Cal.com.
  sync: {
    cancelledByHost: (when: string, reason: string | undefined) =>
      `❌ Спонсор отменил вашу встречу ${when}.${reason ? `\n\nПричина: ${reason}` : ""}`,
    movedByHost: (from: string, to: string, zone: string) =>
      `🔁 Спонсор перенёс вашу встречу.\n\nБыло: ${from}\nСтало: ${to}\n🌍 ${zone}\n\nНапоминания придут к новому времени.`,
    rescheduleRequested: (when: string, reason: string | undefined) =>
      `🔁 Спонсор просит вас выбрать другое время вместо встречи ${when}.${reason ? `\n\nСпонсор пишет: ${reason}` : ""}\n\nПрежнее время больше не занято за вами.`,
    bookAnother: "📅 Записаться на другое время",
    pickNewTime: "📅 Выбрать новое время",
    adminCancelled: (name: string, when: string) =>
      `❌ Отменено в Cal.com: ${name}, ${when} (ваше время). Бот сообщит участнику.`,
    adminMoved: (name: string, from: string, to: string) =>
      `🔁 Перенесено в Cal.com: ${name}\n${from} → ${to} (ваше время). Бот сообщит участнику.`,
    adminRescheduleRequested: (name: string, when: string) =>
      `🔁 В Cal.com запрошено новое время: ${name}, ${when} (ваше время). Бот попросит участника выбрать другое.`,
  },
  // Несколько длительностей, ограничение админа для участника и настройки, которые бот не может обслужить.
  durations: {
    pickLength: "Сколько должна длиться встреча?",
    lengthButton: (minutes: number) => `${minutes} мин`,
    editLength: "Длительность",
    moveWouldChangeLength: (minutes: number) =>
      `Эта встреча длится ${minutes} мин, а Cal.com переносит встречу только со стандартной длительностью. Чтобы оставить ${minutes} мин, отмените её в /mybookings и запишитесь на новое время.`,
    bookingClosed:
      "Сейчас записаться нельзя: в календаре спонсора нужно изменить настройку. Спонсору уже сообщено.",
    limitUsage:
      "Формат: /limit <id> <минуты> — самая длинная встреча, на которую участник может записаться; /limit <id> off снимает ограничение.",
    limitSet: (id: number, minutes: number, allowed: readonly number[]) =>
      `ID ${id} теперь может записываться на встречи до ${minutes} мин (${allowed.join(", ")} мин).`,
    limitCleared: (id: number) => `ID ${id} снова может выбирать любую длительность.`,
    limitNotSet: (id: number) => `У ID ${id} не было ограничения длительности.`,
    limitNotMember: (id: number) => `ID ${id} — не одобренный участник.`,
    limitLengthsUnknown:
      "Cal.com ещё не ответил после запуска бота, поэтому длительности встреч пока неизвестны. Попробуйте, когда календарь снова ответит.",
    limitSingleLength: (minutes: number) =>
      `Тип встречи предлагает одну длительность (${minutes} мин): ограничивать нечего.`,
    limitBelowShortest: (lengths: readonly number[]) =>
      `Самая короткая длительность — ${lengths[0]} мин (есть: ${lengths.join(", ")} мин); ограничение не может быть меньше.`,
    limitsTitle: (count: number) => `Ограничения длительности (${count}):`,
    limitsItem: (id: number, name: string | null, minutes: number) =>
      `• ${name ? `${name}, ` : ""}ID ${id} — до ${minutes} мин`,
    limitsNone: "Ни у кого нет ограничения длительности. /limit <id> <минуты> задаёт его.",
    usersCap: (minutes: number) => ` (встречи до ${minutes} мин)`,
    helpAdmin:
      "Длительность встреч:\n/limit <id> <минуты> — самая длинная встреча, на которую участник может записаться (/limit <id> off снимает)\n/limits — у кого есть ограничение",
    refusedHeading:
      "⚠️ Участники не могут записаться: у типа встречи в Cal.com есть настройки, которые бот не может обслужить. Измените их в Cal.com и перезапустите бота:",
    refusal: (code: RefusalCode, detail: string) => {
      switch (code) {
        case "requiredQuestion":
          return `• обязательный вопрос при записи «${detail}», который бот не задаёт — Event Types → встреча → Advanced → Booking questions: сделайте его необязательным`;
        case "emailVerification":
          return "• проверка email участника — Event Types → встреча → Advanced: выключите «Requires booker email verification»";
        case "seats":
          return "• места (seats) — Event Types → встреча → Advanced: выключите «Offer seats»";
        case "recurring":
          return "• повторяющаяся встреча — Event Types → встреча → Recurring: выключите «Recurring event»";
      }
    },
  },
  // Cal.com's real answers: writes left open after an ambiguous try, Cal.com unreachable at start-up.
  calendar: {
    stillAnswering:
      "⏳ Календарь ещё отвечает. Как только станет ясно, записаны ли вы, я напишу здесь — обычно в течение пары минут. Ничего нажимать не нужно.",
    stillAnsweringMove:
      "⏳ Календарь ещё отвечает. Как только станет ясно, перенесена ли встреча, я напишу здесь — обычно в течение пары минут. Ничего нажимать не нужно.",
    stillAnsweringCancel:
      "⏳ Календарь ещё отвечает. Как только станет ясно, отменена ли встреча, я напишу здесь — обычно в течение пары минут. Ничего нажимать не нужно.",
    previousOpen:
      "⏳ Календарь ещё отвечает на вашу предыдущую запись. Дождитесь ответа (несколько минут), затем записывайтесь снова.",
    notApplied: (action: "create" | "reschedule" | "cancel", when: string, taken: boolean) => {
      const what =
        action === "create"
          ? `Запись на ${when} не состоялась`
          : action === "reschedule"
            ? `Встреча не перенесена на ${when}`
            : `Встреча ${when} не отменена`;
      const why = taken ? "это время тем временем занял кто-то другой" : "календарь её так и не подтвердил";
      // A move or a cancel is tried again on the meeting (/mybookings); /book would make another.
      const next = action === "create" ? "Выберите время снова: /book." : "Попробуйте ещё раз в /mybookings.";
      return `${what}: ${why}. ${next}`;
    },
    meetingTitle: "Встреча",
    unreachableAtStart:
      "⚠️ Бот запущен, но Cal.com не отвечает. Доступ, команды админа, /mybookings и напоминания работают; запись и перенос заработают сами, как только Cal.com ответит.",
    unreachableFirstStart:
      "⚠️ Бот запущен впервые, а Cal.com не отвечает, и тип встречи ещё неизвестен. Доступ и команды админа работают; запись заработает сама, как только Cal.com ответит.",
    reachableAgain: "✅ Cal.com снова отвечает: запись работает.",
  },
  // What the bot keeps and how to erase it.
  privacy: {
    button: "🔒 Приватность",
    forgetEmailButton: "✉️ Забыть мой email",
    forgetZoneButton: "🌍 Забыть мой часовой пояс",
    deleteAllButton: "🗑 Удалить всё",
    languageName: { ru: "русский", en: "английский" },
    languageNotSaved: "не сохранён",
    report: (v: PrivacyView) =>
      [
        "🔒 Что бот хранит о вас",
        "",
        ...(v.access.kind === "pending" || v.access.kind === "rejected" || v.access.kind === "none"
          ? [
              "Когда вы запрашиваете доступ, бот сохраняет ваш Telegram ID, имя и @username, как их показывает Telegram, ваш язык, время запроса и решение администратора. Администраторы получают сообщение с вашим именем, @username и ID.",
              "",
              "Сейчас сохранено:",
            ]
          : []),
        `• Telegram ID ${v.id}; имя: ${v.person ?? "не сохранено"}`,
        `• Язык: ${v.language}`,
        `• Часовой пояс: ${v.zone ?? "не сохранён"}`,
        `• Email: ${v.email ?? "не запомнен"}`,
        `• Встречи, записанные через бота: предстоящих ${v.upcoming}, прошедших или отменённых ${v.past}`,
        `• Напоминания: ${v.remindersBlocked ? "часть не дошла до вас (бот был заблокирован)" : "приходят вам сюда, в Telegram"}`,
        ...(v.fallbackTag
          ? ["• Случайная метка для почты спонсора — на случай, если вы не указываете email"]
          : []),
        ...(v.lengthCap !== null
          ? [`• Ограничение, заданное администратором: встречи не дольше ${v.lengthCap} мин`]
          : []),
        ...(v.writeOpen
          ? ["• Запись, перенос или отмена, на которые календарь ещё не ответил (ответ придёт сюда)"]
          : []),
        ...(v.declinePromptOpen
          ? [
              "• Ваш открытый вопрос «Почему отклонить?» по запросу на встречу: следующее ваше сообщение станет причиной отказа",
            ]
          : []),
        `• ${ruAccess(v.access)}`,
        "",
        "Что получает Cal.com при записи: имя и email, которые вы укажете (а если email пропущен — почту спонсора со случайной меткой, которая ничего о вас не говорит), ваш часовой пояс, язык и случайный номер записи. Никогда — ваш Telegram ID или username. Cal.com хранит свою копию записей, в том числе отменённых.",
        "",
        "В журналах бота вы обозначены псевдонимом — не ID, не именем и не email; ваших сообщений там нет.",
      ].join("\n"),
    emailForgotten: "Готово: ваш email забыт. В следующий раз я спрошу его снова.",
    zoneForgotten: "Готово: ваш часовой пояс забыт. В следующий раз я спрошу, в каком вы поясе.",
    nothingToForget: "Забывать было нечего.",
    waitForOpenWrite:
      "⏳ Календарь ещё отвечает на вашу запись или её изменение. Удалить всё можно, как только придёт ответ (обычно через пару минут): иначе встреча может остаться в календаре спонсора, а бот о ней не узнает.",
    deleteAsk:
      "Удалить всё, что бот о вас хранит? Удалятся настройки, записи о встречах, диалоги и ваш доступ; чтобы снова пользоваться ботом, нужно будет заново запросить доступ. Только в журнале администратора останутся ваш ID и его решение.",
    deleteAskWithBookings: (n: number, list: string) =>
      `У вас ${ruMeetings(n)}:\n${list}\n\nБот ничего не отменяет в Cal.com без вашего согласия. Оставленные встречи останутся в календаре спонсора, но бот о них забудет: без напоминаний, и перенести или отменить их здесь будет нельзя.\n\nУдалить всё, что бот о вас хранит? Чтобы снова пользоваться ботом, нужно будет заново запросить доступ. Только в журнале администратора останутся ваш ID и его решение.`,
    cancelAndDeleteButton: (n: number) =>
      n === 1 ? "Отменить встречу, удалить всё" : `Отменить встречи (${n}), удалить всё`,
    keepAndDeleteButton: "Оставить встречи, удалить остальное",
    yesDeleteButton: "Да, удалить всё",
    notDeleted: "Хорошо, ничего не удалено.",
    deleted:
      "Готово: всё, что бот о вас хранил, удалено. Теперь вы для него незнакомец; отправьте /start, если захотите снова запросить доступ.",
    deletedAfterCancel: (n: number) =>
      `${n === 1 ? "Ваша встреча отменена" : `Ваши встречи (${n}) отменены`} в Cal.com, и всё, что бот о вас хранил, удалено. Теперь вы для него незнакомец; отправьте /start, если захотите снова запросить доступ.`,
    cancelFailed: (when: string) =>
      `Не получилось отменить встречу ${when}: календарь не отвечает. Ничего не удалено — попробуйте через минуту.`,
    bookingsChanged: "Ваши встречи за это время изменились. Посмотрите ещё раз:",
    adminErased: (who: string) =>
      `🗑 ${who} удалил(а) всё, что бот о нём (ней) хранил; чтобы снова пользоваться ботом, нужно заново запросить доступ.`,
    adminCancelledForErase: (n: number) => `Перед этим отменено встреч: ${n}.`,
    summarySavedZone: "🌍 Это ваш сохранённый часовой пояс; «Сменить часовой пояс» — выбрать другой.",
    summaryRememberedEmail:
      "✉️ Это ваш запомненный email; «Изменить email» — указать другой, /privacy — забыть его.",
    changeEmailButton: "✉️ Изменить email",
    whoisUsage: "Укажите псевдоним из журналов или числовой Telegram ID: /whois <псевдоним> или /whois <id>",
    whoisFound: (v: WhoisView) =>
      `${v.pseudonym} — это ${v.person ?? "человек без сохранённого имени"}, ID ${v.id} — ${v.standing}.`,
    whoisNone: (pseudonym: string) =>
      `Среди известных боту людей нет псевдонима ${pseudonym}. Того, кто удалил свои данные, можно найти только по ID: /whois <id>.`,
    whoisId: (v: WhoisView) =>
      `ID ${v.id} в журналах обозначен как ${v.pseudonym}.\n${v.person ?? "Имя не сохранено"} — ${v.standing}.`,
    standing: {
      admin: "администратор",
      member: "одобренный участник",
      revoked: "доступ закрыт",
      pending: "запрос на доступ ждёт решения",
      rejected: "запрос на доступ отклонён",
      unknown: "боту неизвестен",
    },
  },
  // One-time invite links.
  invites: {
    created: (link: string, note: string | null, until: string) =>
      `Одноразовое приглашение${note ? ` (${note})` : ""}, действует до ${until}:\n\n${link}\n\nОтправьте его одному человеку. Кто откроет его первым, сразу получит доступ, а вам придёт сообщение, кто это; после этого ссылка перестанет работать. /invites — открытые приглашения.`,
    listNone: "Открытых приглашений нет. /invite [заметка] — создать.",
    listTitle: (n: number) => `Открытые приглашения: ${n}`,
    listItem: (v: InviteView) =>
      `${v.n}. ${v.note ?? "без заметки"} — создано ${v.createdAt}, действует до ${v.expiresAt}`,
    listMore: (n: number) => `…и ещё ${n} (сначала отзовите приглашения выше).`,
    revokeButton: (n: number) => `✖️ Отозвать ${n}`,
    revoked: "Приглашение отозвано.",
    notOpen: "Это приглашение уже использовано, истекло или отозвано.",
    invalid: "Это приглашение больше не действует.",
    welcome: (name: string) =>
      `Добро пожаловать, ${name}! Вы вошли по приглашению спонсора. Что вы хотите сделать?`,
    usedBy: (who: string, note: string | null) =>
      `✅ Ваше приглашение${note ? ` (${note})` : ""} использовал(а) ${who}; доступ открыт. Если это не тот человек — /revoke <id>.`,
    profileDescription:
      "Бот записывает на личные встречи со спонсором по его календарю: выберите часовой пояс и свободное время, а напоминания придут сюда, в Telegram. Он для участников сообщества, которых знает спонсор: каждого он сначала одобряет (отправьте /start, чтобы попросить доступ, или откройте ссылку-приглашение). Cal.com получает только выбранные вами имя и email, никогда ваш Telegram ID. /privacy покажет, что бот хранит.",
    profileShortDescription:
      "Запись на встречи со спонсором. Для участников сообщества, одобренных спонсором.",
  },
  // Admin /stats.
  stats: {
    report: (v: StatsView) =>
      [
        "📊 Как используется бот (только числа)",
        "",
        `Участники: одобрено ${v.approved}, ждут решения ${v.pending}, доступ закрыт ${v.revoked}`,
        `Предстоящих встреч: ${v.upcoming}`,
        "",
        "За 7 дней / за 30 дней:",
        `• записей через бота: ${v.made[0]} / ${v.made[1]}`,
        `• отменено участниками: ${v.cancelledByMembers[0]} / ${v.cancelledByMembers[1]}`,
        `• отменено вами в Cal.com: ${v.cancelledBySponsor[0]} / ${v.cancelledBySponsor[1]}`,
        `• перенесено участниками: ${v.movedByMembers[0]} / ${v.movedByMembers[1]}`,
        `• перенесено вами в Cal.com: ${v.movedBySponsor[0]} / ${v.movedBySponsor[1]}`,
        `• напоминаний доставлено: ${v.remindersSent[0]} / ${v.remindersSent[1]}`,
        "",
        `Заблокировали бота (напоминание не дошло, за 30 дней): ${v.blockedUsers}`,
      ].join("\n"),
  },
};

export type Messages = typeof ru;

function ruAccess(a: PrivacyView["access"]): string {
  switch (a.kind) {
    case "admin":
      return "Ваш доступ: администратор (задан в настройках бота)";
    case "member":
      return "Ваш доступ: одобрен; в журнале администратора хранятся ваш ID и его решение";
    case "pending":
      return `Ваш запрос на доступ: ждёт решения администратора с ${a.since}`;
    case "rejected":
      return "Ваш запрос на доступ: отклонён";
    case "none":
      return "Ваш доступ: нет";
  }
}

/** "1 предстоящая встреча", "3 предстоящие встречи", "5 предстоящих встреч". */
function ruMeetings(n: number): string {
  const mod10 = n % 10;
  const mod100 = n % 100;
  if (mod10 === 1 && mod100 !== 11) return `${n} предстоящая встреча`;
  if (mod10 >= 2 && mod10 <= 4 && (mod100 < 12 || mod100 > 14)) return `${n} предстоящие встречи`;
  return `${n} предстоящих встреч`;
}
