def km_to_miles(km, digits=None):
    miles = km * 0.621371
    if digits is not None:
        return round(miles, digits)
    return miles
