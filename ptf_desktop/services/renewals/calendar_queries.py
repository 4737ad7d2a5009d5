"""The renewal calendar worked out by the database: buckets, counts and one page of rows.

At 100,000 organizations the calendar lists tens of thousands of members. Reading them
all, to count them in Python and price every one, took seconds; a person sees the counts
and one screenful. So each member's bucket is a CASE expression over the date
thresholds of the day (worked out once, in Python), the counts are one GROUP BY, and
only the page of rows that is shown is read (LIMIT/OFFSET, in term-end order) and
priced. ``domain.renewals.bucket`` and ``reminder_due`` stay the rules; these
expressions say the same in SQL (tests compare them member by member).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import ColumnElement, Select, and_, case, func, literal, or_, select
from sqlalchemy.orm import Session

from ...domain.organizations import MembershipStatus
from ...domain.renewals import Bucket, RenewalIntent, bucket, reminder_due
from ...domain.term_rules import TermRules
from ...persistence.models import Invoice, Organization
from .renewal_rows import CURRENT_STATUSES, MEMBER_COLUMNS, UNPAID_STATUSES, MemberRow

if TYPE_CHECKING:
    from ...domain.renewals import Deadline
    from .renewal_service import RenewalRow

# What the Show box of the Renewals area can ask for besides one bucket.
SHOW_ALL, SHOW_REMINDERS, SHOW_DUE = "all", "reminders", "due"
# Renewing members whose term ends within the look-ahead (the Dashboard's renewals tile).
DUE_BUCKETS = (Bucket.WITHIN_30, Bucket.WITHIN_60, Bucket.WITHIN_90, Bucket.LATER)
# A group this small is read whole and sorted here rather than in index order.
SMALL_GROUP_ROWS = 2_000


@dataclass(frozen=True)
class CalendarDay:
    """The date thresholds of one day's calendar, compared with stored dates in SQL.

    Attributes:
        today: the day the calendar is for.
        within: the look-ahead in days.
        rules: the grace period and reminder offsets.
    """

    today: date
    within: int
    rules: TermRules

    @property
    def horizon(self) -> date:
        """The last term end read: the look-ahead, or the furthest reminder if later."""
        ahead = max(self.within, max(self.rules.reminder_offsets, default=0))
        return self.today + timedelta(days=ahead)

    @property
    def reminder_dates(self) -> tuple[date, ...]:
        """The term ends that have a reminder due today."""
        return tuple(self.today + timedelta(days=days) for days in self.rules.reminder_offsets)

    def day(self, offset: int) -> date:
        """The day ``offset`` days after today."""
        return self.today + timedelta(days=offset)


@dataclass(frozen=True)
class CalendarCounts:
    """How many members each group of the calendar holds."""

    buckets: dict[Bucket, int]
    reminders: int
    due: int

    @property
    def listed(self) -> int:
        """Every member on the calendar (each is in one bucket)."""
        return sum(self.buckets.values())

    def of(self, shown: str) -> int:
        """How many members a Show choice lists."""
        if shown == SHOW_ALL:
            return self.listed
        if shown == SHOW_REMINDERS:
            return self.reminders
        if shown == SHOW_DUE:
            return self.due
        return self.buckets.get(Bucket(shown), 0)


@dataclass(frozen=True)
class RenewalCalendar:
    """One page of the renewal calendar on one day, and the counts of all of it.

    Attributes:
        today: the day.
        shown: the group the rows are of ("all", "reminders", "due" or a bucket's value).
        counts: the members of every group.
        offset: the rows of the group before this page.
        rows: the page, by term end then name.
        deadlines: the coming dates of the calendar.
    """

    today: date
    shown: str
    counts: CalendarCounts
    offset: int
    rows: tuple[RenewalRow, ...]
    deadlines: tuple[Deadline, ...]

    @property
    def total(self) -> int:
        """The members of the shown group, on every page."""
        return self.counts.of(self.shown)

    @property
    def has_more(self) -> bool:
        """Whether pages of the group follow this one."""
        return self.offset + len(self.rows) < self.total


def _unpaid_due() -> Any:
    """Each organization's earliest due date of an issued, unpaid renewal invoice."""
    return (
        select(Invoice.organization_id, func.min(Invoice.due_date).label("due"))
        .where(Invoice.renewal_year.is_not(None), Invoice.due_date.is_not(None))
        .where(Invoice.status.in_(UNPAID_STATUSES), Invoice.deleted.is_(False))
        .group_by(Invoice.organization_id)
        .subquery("unpaid")
    )


class _Expressions:
    """The calendar's SQL expressions for one day over organizations joined to unpaid dues.

    A member's status is compared as ``status || ''``: not an indexed column then, so
    SQLite reads the index that starts with the term end (a range of it) rather than all
    current members through the status index.
    """

    def __init__(self, day: CalendarDay) -> None:
        self.day = day
        self.unpaid = _unpaid_due()
        self.joined = Organization.__table__.outerjoin(
            self.unpaid, self.unpaid.c.organization_id == Organization.id
        )
        term_end, due, status = Organization.term_end, self.unpaid.c.due, Organization.status + ""
        self.lapsed: ColumnElement[bool] = status == MembershipStatus.LAPSED.value
        current = status.in_(CURRENT_STATUSES)
        # Due on the day after the term ends, or on an unpaid renewal invoice's due date.
        owed_from = case((and_(due.is_not(None), due < term_end), due), else_=term_end)
        self.bucket: ColumnElement[Any] = case(
            (self.lapsed, Bucket.LAPSED.value),
            (owed_from < day.day(-day.rules.grace_days), Bucket.PAST_DUE.value),
            (owed_from < day.today, Bucket.GRACE.value),
            (term_end <= day.day(30), Bucket.WITHIN_30.value),
            (term_end <= day.day(60), Bucket.WITHIN_60.value),
            (term_end <= day.day(90), Bucket.WITHIN_90.value),
            else_=Bucket.LATER.value,
        )
        reminded = term_end.in_(day.reminder_dates) if day.reminder_dates else literal(False)
        self.reminder: ColumnElement[bool] = and_(current, reminded)
        self.current: ColumnElement[bool] = and_(
            current,
            term_end.is_not(None),
            term_end <= day.horizon,
            or_(term_end <= day.day(day.within), owed_from < day.today, reminded),
        )

    def select_from(self, query: Select[Any], shown: str = SHOW_ALL) -> Select[Any]:
        """The query over the listed, not deleted organizations a Show choice asks for.

        Args:
            query: the columns.
            shown: "all", "reminders", "due" or a bucket's value.
        """
        return query.select_from(self.joined).where(
            Organization.deleted.is_(False), self._shows(shown)
        )

    def _shows(self, shown: str) -> ColumnElement[bool]:
        """The listed members a Show choice asks for.

        Only "all" and "lapsed" list lapsed members: the others read a range of the
        term-end index, with the term ends that their group cannot have left out.
        """
        term_end, today = Organization.term_end, self.day.today
        if shown == SHOW_ALL:
            return or_(self.lapsed, self.current)
        if shown == Bucket.LAPSED.value:
            return Organization.status == MembershipStatus.LAPSED.value
        if shown == SHOW_REMINDERS:
            return and_(self.current, self.reminder)
        if shown == SHOW_DUE:
            return and_(
                self.current,
                term_end >= today,
                self.bucket.in_([kind.value for kind in DUE_BUCKETS]),
                Organization.renewal_intent == RenewalIntent.RENEWING.value,
            )
        kind = Bucket(shown)
        ends_by = {Bucket.WITHIN_30: 30, Bucket.WITHIN_60: 60, Bucket.WITHIN_90: 90}
        if kind in ends_by:
            after = self.day.day(ends_by[kind] - 30) if kind is not Bucket.WITHIN_30 else today
            ends = and_(term_end >= after, term_end <= self.day.day(ends_by[kind]))
        elif kind is Bucket.LATER:
            ends = term_end > self.day.day(90)
        else:
            ends = literal(True)
        return and_(self.current, ends, self.bucket == kind.value)


def calendar_counts(session: Session, day: CalendarDay) -> CalendarCounts:
    """The members of each bucket, with a reminder today, and renewing within the look-ahead.

    The database groups the current members by what their place depends on (term end,
    unpaid due date, intent), a few hundred groups in index order; the domain's rules
    place each group.
    """
    calendar = _Expressions(day)
    term_end, due, intent = (
        Organization.term_end,
        calendar.unpaid.c.due,
        Organization.renewal_intent,
    )
    query = (
        select(term_end, due, intent, func.count())
        .select_from(calendar.joined)
        .where(Organization.deleted.is_(False), calendar.current)
        .group_by(term_end, due, intent)
    )
    buckets: Counter[Bucket] = Counter()
    reminders = renewing = 0
    for ends, owed, renewal_intent, count in session.execute(query):
        place = bucket(MembershipStatus.ACTIVE.value, ends, day.today, day.rules, owed)
        if place is None:  # not reached: listed members have a term end
            continue
        buckets[place] += count
        if reminder_due(ends, day.today, day.rules) is not None:
            reminders += count
        if place in DUE_BUCKETS and renewal_intent == RenewalIntent.RENEWING.value:
            renewing += count
    lapsed = session.scalar(
        select(func.count())
        .select_from(Organization)
        .where(Organization.deleted.is_(False))
        .where(Organization.status == MembershipStatus.LAPSED.value)
    )
    if lapsed:
        buckets[Bucket.LAPSED] = int(lapsed)
    return CalendarCounts(dict(buckets), reminders, renewing)


@dataclass(frozen=True)
class CalendarMember:
    """One listed member as read for the page: its fields and its unpaid due date."""

    member: MemberRow
    unpaid_due: date | None


def calendar_page(
    session: Session,
    day: CalendarDay,
    shown: str,
    offset: int = 0,
    limit: int | None = None,
    group_size: int | None = None,
) -> list[CalendarMember]:
    """The listed members a Show choice asks for, by term end then name; one page of them.

    Args:
        session: the read session.
        day: the calendar's day and look-ahead.
        shown: "all", "reminders", "due" or a bucket's value.
        offset: how many rows of the ordered list to skip.
        limit: the most rows to read (None: all of them).
        group_size: how many members the choice lists, when known (``CalendarCounts``).
    """
    calendar = _Expressions(day)
    read_columns: Select[Any] = select(*MEMBER_COLUMNS, calendar.unpaid.c.due)  # type: ignore[assignment]  # 13 columns
    columns = calendar.select_from(read_columns, shown)
    if limit is not None and group_size is not None and group_size <= SMALL_GROUP_ROWS:
        # A small group among many members: filtered in the term-end index, where the
        # database would otherwise walk that index in order, reading every member's row.
        rows = [_member(row) for row in session.execute(columns)]
        rows.sort(key=lambda entry: (entry.member.term_end or date.min, entry.member.name,
                                     entry.member.id))  # fmt: skip
        return rows[offset : offset + limit]

    def read(dated: bool, skip: int, most: int | None) -> list[CalendarMember]:
        term_end = Organization.term_end
        query = (
            columns.where(term_end.is_not(None) if dated else term_end.is_(None))
            .order_by(term_end, Organization.display_name, Organization.id)
            .offset(skip)
            .limit(most)
        )
        return [_member(row) for row in session.execute(query)]

    # Members without a term end (only lapsed ones are listed so) come first, as SQL
    # sorts them; read apart, the rest is a range of the term-end index.
    undated = session.scalar(
        calendar.select_from(select(func.count()), shown).where(Organization.term_end.is_(None))
    ) or 0  # fmt: skip
    found = read(False, offset, limit) if offset < undated else []
    if limit is None or len(found) < limit:
        rest = None if limit is None else limit - len(found)
        found += read(True, max(0, offset - undated), rest)
    return found


def _member(row: Any) -> CalendarMember:
    return CalendarMember(MemberRow(*row[:-1]), row[-1])
