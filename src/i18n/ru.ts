/** Russian texts: the source catalogue. Every key here must exist in en.ts (the compiler checks it). */

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

const who = (r: RequestView) => `${r.name}${r.username ? ` (@${r.username})` : ""}, ID ${r.id}`;

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
    adminItem: (name: string, when: string, status: string) => `• ${when} — ${name} (${status})`,
  },
  help: {
    stranger: "Этот бот записывает на встречи со спонсором. Отправьте /start, чтобы запросить доступ.",
    user: "Команды:\n/book — записаться на встречу\n/mybookings — мои встречи\n/cancel — прервать текущий диалог\n/help — эта справка",
    admin:
      "Команды администратора:\n/bookings — предстоящие записи\n/pending — запросы на доступ\n/approve <id> — одобрить\n/reject <id> — отклонить\n/users — одобренные участники\n/revoke <id> — закрыть доступ\n\nКак участник:\n/book — записаться на встречу\n/mybookings — мои встречи\n/cancel — прервать текущий диалог",
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
  },
  common: {
    calcomKeyRefused:
      "⚠️ Cal.com отклоняет API-ключ бота (401/403). Записи не работают, пока оператор не обновит CALCOM_API_KEY.",
    somethingWrong: "Что-то пошло не так на нашей стороне. Попробуйте ещё раз через минуту.",
    staleButton: "Эта кнопка больше не активна.",
    unknownCommand: "Такой команды я не знаю. /help — список команд.",
    useButtonsOrHelp: "Я понимаю команды и кнопки. /help — что я умею.",
    slowDown: "Слишком много сообщений подряд — пожалуйста, помедленнее.",
    done: "Готово.",
  },
  // One section per capability below; each grows inside its own block.
  outbox: {},
  // Lists that page (‹ ›, "n of m") and per-member limits.
  lists: {
    cancelOnlyTitle:
      "Доступ закрыт: записаться или перенести встречу нельзя. Свои встречи вы по-прежнему можете отменить:",
    moveNeedsAccess: "Доступ закрыт: встречу больше нельзя перенести, только отменить.",
    cancelledBySponsor: (when: string) => `Спонсор отменил встречу ${when}.`,
  },
  // Requests the sponsor confirms or declines; several durations; what the calendar allows.
  confirmations: {},
  // Changes the sponsor made in Cal.com.
  sync: {},
  // What the bot keeps and how to erase it.
  privacy: {},
  // One-time invite links.
  invites: {},
  // Admin /stats.
  stats: {},
};

export type Messages = typeof ru;
