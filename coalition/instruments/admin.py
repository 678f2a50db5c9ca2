"""The registry is the coalition administrator's: instruments, their scales, items and uses."""

from __future__ import annotations

from django.contrib import admin

from coalition.instruments.models import Instrument, InstrumentUse, Item, Scale


class ScaleInline(admin.TabularInline):
    model = Scale
    extra = 0


class ItemInline(admin.TabularInline):
    model = Item
    extra = 0


class UseInline(admin.TabularInline):
    model = InstrumentUse
    extra = 0


@admin.register(Instrument)
class InstrumentAdmin(admin.ModelAdmin):
    list_display = ["name", "version", "licence_holder", "licence_status", "electronic_allowed"]
    list_filter = ["licence_status", "electronic_allowed"]
    inlines = [ScaleInline, ItemInline, UseInline]
